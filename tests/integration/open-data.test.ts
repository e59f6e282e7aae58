/** The researcher API: records (filters, sort, cursors, formats), aggregates, provenance, stats, CORS, ETag. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get } from 'node:http';
import { crc32 } from 'node:zlib';
import { parseCsv } from '../../backend/src/exports/csv.js';
import { exportProject } from '../../backend/src/exports/export-project.js';
import { exportRecords } from '../../backend/src/exports/export-records.js';
import { csvSink } from '../../backend/src/exports/sinks.js';
import { exportLayout } from '../../backend/src/open-data/columns.js';
import { latestSchema } from '../../backend/src/open-data/repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { collect, readZip, SECRET_DNI, seedOpenData } from './open-data-support.js';

/** A conditional GET through node:http (fetch adds cache-control: no-cache to conditional requests). */
export function statusWithEtag(url: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'if-none-match': etag } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

let app: TestApp;
let seeded: Awaited<ReturnType<typeof seedOpenData>>;
const db = () => app.server.ctx.database.db;
const base = () => `/api/v1/projects/${seeded.project.slug}`;

beforeAll(async () => {
  app = await startTestApp();
  seeded = await seedOpenData(db());
});
afterAll(async () => app?.close());

describe('records', () => {
  it('lists public fields only, with provenance columns, and pages through with cursors', async () => {
    const c = new TestClient(app.url);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: any } = await c.get(
        `${base()}/records?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.records.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const all = await c.get(`${base()}/records`);
    const columns = all.body.columns.map((x: { name: string }) => x.name);
    expect(columns).toEqual([
      'record_id',
      'document_id',
      'document_file',
      'source_sha256',
      'page',
      'agreement',
      'contributors',
      'reviewed',
      'release_version',
      'fecha',
      'proveedor',
      'cuit',
      'importe',
      'importe_currency',
      'pagado',
    ]);
    const text = JSON.stringify(all.body);
    expect(text).not.toContain(SECRET_DNI);
    expect(text).not.toContain('nota secreta');
    expect(text).not.toContain('"dni"');
    expect(all.body.records[0].values.items[0]).toEqual({
      concepto: 'Papel, "A4"\nresma',
      monto: { amount: expect.any(String), currency: 'ARS' },
    });
    expect(all.body.records[0].provenance).toMatchObject({
      documentFile: 'rendicion-enero.pdf',
      page: 1,
      contributors: 3,
    });
  });

  it('filters by equality, ranges and text, and sorts both ways', async () => {
    const c = new TestClient(app.url);
    const names = async (q: string) =>
      (await c.get(`${base()}/records?${q}`)).body.records.map(
        (r: { values: { importe: { amount: string } } }) => r.values.importe.amount,
      );
    expect(await names(`f.proveedor=${encodeURIComponent('Transportes Norte')}&sort=importe`)).toEqual([
      '0.01',
      '99.99',
    ]);
    expect(await names('min.importe=0.2&max.importe=100&sort=-importe')).toEqual(['99.99', '0.20']);
    expect(await names('from.fecha=2024-02&to.fecha=2024-02&sort=fecha')).toEqual(['1234567.89', '99.99']);
    expect(await names('q=libreria&sort=importe')).toEqual(['0.10', '0.20']);
    expect(await names('f.pagado=false')).toEqual(['99.99']);
    const sorted = await names('sort=-importe&limit=2');
    expect(sorted).toEqual(['1234567.89', '99.99']);
    const first = await c.get(`${base()}/records?sort=-importe&limit=3`);
    const next = await c.get(`${base()}/records?sort=-importe&limit=3&cursor=${first.body.nextCursor}`);
    expect(
      next.body.records.map((r: { values: { importe: { amount: string } } }) => r.values.importe.amount),
    ).toEqual(['0.10', '0.01']);
  });

  it('refuses filters on private or unknown fields and bad cursors', async () => {
    const c = new TestClient(app.url);
    for (const q of ['f.dni=1', 'sort=dni', 'min.proveedor=3', 'cursor=nonsense', 'limit=501']) {
      const res = await c.get(`${base()}/records?${q}`);
      expect(res.status).toBe(422);
    }
  });

  it('serves CSV that parses back to the same values, NDJSON and XLSX', async () => {
    const c = new TestClient(app.url);
    const json = await c.get(`${base()}/records?sort=fecha`);
    const nd = await (await fetch(`${app.url}${base()}/records?sort=fecha&format=ndjson`)).text();
    const flat = nd
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(flat.map((r) => r.record_id)).toEqual(json.body.records.map((r: { id: string }) => r.id));
    expect(flat[2]).toMatchObject({
      proveedor: 'Café "El Ñandú", SRL',
      importe: '1234567.89',
      importe_currency: 'ARS',
      pagado: true,
      release_version: null,
    });
    const csv = await c.get(`${base()}/records?sort=fecha&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(csv.body as string);
    expect(rows[0]).toEqual(json.body.columns.map((x: { name: string }) => x.name));
    expect(rows).toHaveLength(6);
    rows.slice(1).forEach((row, i) => {
      rows[0]!.forEach((name, j) => {
        const v = flat[i]![name];
        expect(row[j]).toBe(v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
      });
    });
    const xlsx = Buffer.from(
      await (await fetch(`${app.url}${base()}/records?format=xlsx&sort=fecha`)).arrayBuffer(),
    );
    const entries = readZip(xlsx);
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ]),
    );
    const sheet = entries.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet.match(/<row>/g)).toHaveLength(6);
    expect(sheet).toContain('<c><v>1234567.89</v></c>');
    expect(sheet).toContain('Café &quot;El Ñandú&quot;, SRL');
    expect(sheet).not.toContain(SECRET_DNI);
    expect(crc32(entries.get('xl/workbook.xml')!)).toBeGreaterThan(0);
  });

  it('answers ETag and 304, with CORS open for GET', async () => {
    const first = await fetch(`${app.url}${base()}/records`, { headers: { origin: 'https://example.net' } });
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('access-control-allow-credentials')).toBeNull();
    expect(first.headers.get('cache-control')).toMatch(/public/);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(await statusWithEtag(`${app.url}${base()}/records`, etag)).toBe(304);
    const preflight = await fetch(`${app.url}${base()}/records`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.net', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('exports', () => {
  it('streams the same CSV whether the database or the application builds the lines', async () => {
    const fast = collect();
    expect(await exportProject({ db: db() }, seeded.project.id, 'csv', fast.out)).toBe(5);
    const slow = collect();
    const layout = exportLayout(await latestSchema(db(), seeded.project.id));
    await exportRecords(
      { db: db() },
      seeded.project.id,
      [csvSink(slow.out, layout.columns, null, { kind: 'records' })],
      2,
    );
    expect(fast.text()).toBe(slow.text());
    expect(parseCsv(fast.text())).toHaveLength(6);
    const json = collect();
    await exportProject({ db: db() }, seeded.project.id, 'json', json.out);
    expect(JSON.parse(json.text())).toHaveLength(5);
  });
});

describe('aggregates, provenance, stats', () => {
  it('groups by supplier and by month with exact decimal sums', async () => {
    const c = new TestClient(app.url);
    const bySupplier = await c.get(`${base()}/records/aggregate?groupBy=proveedor&sum=importe&count`);
    expect(bySupplier.status).toBe(200);
    const libreria = bySupplier.body.groups.find((g: { key: string }) => g.key === 'Librería Sur S.A.');
    expect(libreria).toEqual({ key: 'Librería Sur S.A.', currency: 'ARS', count: 2, sum: '0.30' });
    const byMonth = await c.get(
      `${base()}/records/aggregate?groupBy=month(fecha)&sum=importe&avg=importe&min=importe&max=importe`,
    );
    const feb = byMonth.body.groups.find((g: { key: string }) => g.key === '2024-02');
    expect(feb).toMatchObject({ sum: '1234667.88', min: '99.99', max: '1234567.89', avg: '617333.94' });
    expect((await c.get(`${base()}/records/aggregate?groupBy=dni&count`)).status).toBe(422);
    expect((await c.get(`${base()}/records/aggregate?groupBy=proveedor&sum=proveedor`)).status).toBe(422);
  });

  it('tells where a record came from', async () => {
    const c = new TestClient(app.url);
    const id = (await c.get(`${base()}/records?limit=1`)).body.records[0].id;
    const res = await c.get(`${base()}/records/${id}/provenance`);
    expect(res.status).toBe(200);
    expect(res.body.provenance).toMatchObject({
      recordId: id,
      document: { id: seeded.document.id, filename: 'rendicion-enero.pdf' },
      page: 1,
      region: { x: 0.1, y: 0.2, w: 0.3, h: 0.1 },
      contributors: 3,
      agreement: 1,
    });
    expect(res.body.provenance.cropUrl).toContain(`/documents/${seeded.document.id}/pages/1/image`);
    expect((await c.get(`${base()}/records/00000000-0000-0000-0000-000000000000/provenance`)).status).toBe(
      404,
    );
  });

  it('sums money per currency in the stats', async () => {
    const res = await new TestClient(app.url).get(`${base()}/stats`);
    expect(res.body.stats).toEqual({
      records: 5,
      documents: 1,
      volunteers: 0,
      totals: [{ field: 'importe', currency: 'ARS', amount: '1234668.19' }],
    });
  });
});

describe('embargo and drafts', () => {
  it('hides an embargoed project’s records from the public but not from its editors', async () => {
    const embargoed = await seedOpenData(db(), {
      project: { embargoUntil: new Date(Date.now() + 86_400_000) },
    });
    const path = `/api/v1/projects/${embargoed.project.slug}`;
    const anonymous = new TestClient(app.url);
    for (const p of ['/records', '/stats', '/releases', '/records/aggregate?groupBy=proveedor&count']) {
      const res = await anonymous.get(path + p);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('embargoed');
    }
    const editor = new TestClient(app.url);
    await editor.logIn(embargoed.editor.email!);
    const seen = await editor.get(`${path}/records`);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('cache-control')).toMatch(/private/);
    const draft = await seedOpenData(db(), { project: { status: 'draft' } });
    expect((await anonymous.get(`/api/v1/projects/${draft.project.slug}/records`)).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('publishes a generated OpenAPI 3.1 document and a readable page', async () => {
    const c = new TestClient(app.url);
    const doc = await c.get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const records = doc.body.paths['/projects/{slug}/records'].get;
    expect(records.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['slug', 'q', 'sort', 'limit', 'cursor', 'format']),
    );
    expect(records.responses['200'].content['application/json'].schema.properties.records).toBeDefined();
    expect(doc.body.paths['/projects/{slug}/releases'].post.requestBody).toBeDefined();
    expect(Object.keys(doc.body.components.schemas).length).toBeGreaterThan(10);
    const page = await c.get('/api/v1/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('/projects/{slug}/records/aggregate');
    expect(page.body).not.toContain('<script');
  });
});
