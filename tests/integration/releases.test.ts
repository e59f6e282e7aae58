/** Releases: publish (editors only), immutable files, data package, ETag, embargo. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get } from 'node:http';
import { parseCsv } from '../../backend/src/exports/csv.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { makeUser } from '../support/factories.js';
import { addRecord, readZip, SECRET_DNI, seedOpenData } from './open-data-support.js';

let app: TestApp;
const db = () => app.server.ctx.database.db;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function editorOf(seeded: Awaited<ReturnType<typeof seedOpenData>>) {
  const c = new TestClient(app.url);
  await c.logIn(seeded.editor.email!);
  return c;
}

const download = async (path: string) => {
  const res = await fetch(app.url + path);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};

const conditional = (path: string, etag: string) =>
  new Promise<number>((resolve, reject) => {
    get(app.url + path, { headers: { 'if-none-match': etag } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });

describe('publishing a release', () => {
  it('writes every format with checksums, and the data package names every CSV column', async () => {
    const seeded = await seedOpenData(db());
    const editor = await editorOf(seeded);
    const base = `/api/v1/projects/${seeded.project.slug}/releases`;
    const published = await editor.post(base, { version: '1.0.0', notes: 'Primera versión' });
    expect(published.status).toBe(201);
    const release = published.body.release;
    expect(release).toMatchObject({ version: '1.0.0', rowCount: 5, notes: 'Primera versión' });
    expect(release.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(release.citation).toContain('Gastos 2024 (version 1.0.0)');
    const names = release.files.map((f: { name: string }) => f.name);
    expect(names).toEqual([
      'records.csv',
      'records_items.csv',
      'records.json',
      'records.ndjson',
      'records.xlsx',
      'datapackage.json',
    ]);

    const pkg = await download(`${base}/1.0.0/datapackage.json`);
    expect(pkg.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const descriptor = JSON.parse(pkg.bytes.toString('utf8'));
    expect(descriptor.resources.map((r: { path: string }) => r.path)).toEqual([
      'records.csv',
      'records_items.csv',
    ]);
    for (const resource of descriptor.resources) {
      const file = await download(`${base}/1.0.0/files/${resource.path}`);
      expect(file.res.status).toBe(200);
      const rows = parseCsv(file.bytes.toString('utf8'));
      expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(rows[0]);
      expect(resource.hash).toBe(
        `sha256:${release.files.find((f: { name: string }) => f.name === resource.path).sha256}`,
      );
      expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    }
    const types = Object.fromEntries(
      descriptor.resources[0].schema.fields.map((f: { name: string; type: string }) => [f.name, f.type]),
    );
    expect(types).toMatchObject({
      importe: 'number',
      importe_currency: 'string',
      fecha: 'date',
      cuit: 'string',
      pagado: 'boolean',
      page: 'integer',
    });

    const csv = parseCsv((await download(`${base}/1.0.0/files/records.csv`)).bytes.toString('utf8'));
    expect(csv).toHaveLength(6);
    const col = (name: string) => csv[0]!.indexOf(name);
    expect(csv.slice(1).map((r) => r[col('release_version')])).toEqual(Array(5).fill('1.0.0'));
    expect(
      csv
        .slice(1)
        .map((r) => r[col('importe')])
        .sort(),
    ).toEqual(['0.01', '0.10', '0.20', '1234567.89', '99.99']);
    const items = parseCsv((await download(`${base}/1.0.0/files/records_items.csv`)).bytes.toString('utf8'));
    expect(items[1]![items[0]!.indexOf('concepto')]).toBe('Papel, "A4"\nresma');

    for (const f of release.files) {
      const { bytes } = await download(`${base}/1.0.0/files/${f.name}`);
      expect(bytes.length).toBe(f.bytes);
      expect(bytes.toString('latin1')).not.toContain(SECRET_DNI);
      expect(bytes.toString('utf8')).not.toContain('nota secreta');
    }
    const json = JSON.parse((await download(`${base}/1.0.0/files/records.json`)).bytes.toString('utf8'));
    expect(json).toHaveLength(5);
    const xlsx = readZip((await download(`${base}/1.0.0/files/records.xlsx`)).bytes);
    expect(xlsx.get('xl/worksheets/sheet1.xml')!.toString('utf8').match(/<row>/g)).toHaveLength(6);
  });

  it('never changes a release after publication', async () => {
    const seeded = await seedOpenData(db());
    const editor = await editorOf(seeded);
    const base = `/api/v1/projects/${seeded.project.slug}/releases`;
    const first = (await editor.post(base, { version: '1.0.0', notes: 'a' })).body.release;
    await addRecord(db(), seeded.ids, { fecha: '2024-04-01', proveedor: 'Nuevo', importe: '5.00' });
    const again = await editor.post(base, { version: '1.0.0', notes: 'b' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('release_exists');
    expect((await editor.patch(`${base}/1.0.0`, { notes: 'changed' })).status).toBe(404);
    expect((await editor.delete(`${base}/1.0.0`)).status).toBe(404);
    const read = await editor.get(`${base}/1.0.0`);
    expect(read.body.release).toEqual(first);
    const csv = await download(`${base}/1.0.0/files/records.csv`);
    expect(parseCsv(csv.bytes.toString('utf8'))).toHaveLength(6);
    const second = (await editor.post(base, { version: '1.1.0', notes: '' })).body.release;
    expect(second.rowCount).toBe(6);
    expect((await editor.get(`${base}/latest`)).body.release.version).toBe('1.1.0');
    expect((await editor.get(base)).body.releases.map((r: { version: string }) => r.version)).toEqual([
      '1.1.0',
      '1.0.0',
    ]);
    expect((await editor.post(base, { version: 'one', notes: '' })).status).toBe(422);
  });

  it('serves files with a strong ETag and 304', async () => {
    const seeded = await seedOpenData(db());
    const editor = await editorOf(seeded);
    const base = `/api/v1/projects/${seeded.project.slug}/releases`;
    const release = (await editor.post(base, { version: '2.0', notes: '' })).body.release;
    const file = release.files[0];
    const res = await fetch(`${app.url}${base}/2.0/files/${file.name}`, {
      headers: { origin: 'https://x.org' },
    });
    expect(res.headers.get('etag')).toBe(`"${file.sha256}"`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await conditional(`${base}/2.0/files/${file.name}`, `"${file.sha256}"`)).toBe(304);
    expect((await fetch(`${app.url}${base}/latest/files/${file.name}`)).headers.get('cache-control')).toBe(
      'public, max-age=60',
    );
    expect((await fetch(`${app.url}${base}/2.0/files/nope.csv`)).status).toBe(404);
  });

  it('lets only editors of the project’s organization publish', async () => {
    const seeded = await seedOpenData(db());
    const base = `/api/v1/projects/${seeded.project.slug}/releases`;
    const anonymous = new TestClient(app.url);
    await anonymous.session();
    expect((await anonymous.post(base, { version: '1.0.0' })).status).toBe(401);
    const volunteer = new TestClient(app.url);
    await volunteer.logIn((await makeUser(db(), 'volunteer')).email!);
    expect((await volunteer.post(base, { version: '1.0.0' })).status).toBe(403);
    const stranger = new TestClient(app.url);
    await stranger.logIn((await makeUser(db(), 'editor')).email!);
    expect((await stranger.post(base, { version: '1.0.0' })).status).toBe(403);
  });

  it('hides releases of embargoed projects from the public', async () => {
    const seeded = await seedOpenData(db(), { project: { embargoUntil: new Date(Date.now() + 3_600_000) } });
    const editor = await editorOf(seeded);
    const base = `/api/v1/projects/${seeded.project.slug}/releases`;
    expect((await editor.post(base, { version: '1.0.0', notes: '' })).status).toBe(201);
    const anonymous = new TestClient(app.url);
    for (const p of ['', '/1.0.0', '/latest', '/1.0.0/datapackage.json', '/1.0.0/files/records.csv']) {
      const res = await anonymous.get(base + p);
      expect([res.status, res.body.error?.code]).toEqual([403, 'embargoed']);
    }
    const own = await editor.get(`${base}/1.0.0/files/records.csv`);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-cache');
  });
});
