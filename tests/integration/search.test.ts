/** Full-text search over page text: accent-insensitive, highlighted, never from drafts or embargoes. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { SECRET_DNI, seedOpenData } from './open-data-support.js';

let app: TestApp;
const db = () => app.server.ctx.database.db;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('search', () => {
  it('finds accented words typed without accents and highlights them', async () => {
    const seeded = await seedOpenData(db(), {
      pageText: 'Rendición: compra de papelería en Librería Sur <S.A.> por orden del Ministerio.',
    });
    const c = new TestClient(app.url);
    const res = await c.get(`/api/v1/search?q=papeleria&project=${seeded.project.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.hits).toHaveLength(1);
    const hit = res.body.hits[0];
    expect(hit).toMatchObject({
      project: { slug: seeded.project.slug },
      document: { id: seeded.document.id, filename: 'rendicion-enero.pdf' },
      page: 1,
    });
    expect(hit.snippet).toContain('<mark>papelería</mark>');
    expect(hit.snippet).not.toContain('<S.A.>');
    const english = await c.get(
      `/api/v1/search?q=${encodeURIComponent('"ministerio"')}&project=${seeded.project.slug}`,
    );
    expect(english.body.hits[0].snippet).toContain('<mark>Ministerio</mark>');
    const stemmed = await c.get(`/api/v1/search?q=rendicion&project=${seeded.project.slug}`);
    expect(stemmed.body.hits[0].snippet).toContain('<mark>Rendición</mark>');
    expect((await c.get('/api/v1/search?q=zzzqqq')).body.hits).toEqual([]);
    expect((await c.get('/api/v1/search')).status).toBe(422);
  });

  it('blacks out private field values in snippets', async () => {
    const seeded = await seedOpenData(db(), {
      pageText: `Beneficiario con DNI 27.123.456 cobró viáticos por 150,00`,
    });
    const res = await new TestClient(app.url).get(`/api/v1/search?q=viaticos&project=${seeded.project.slug}`);
    expect(res.body.hits[0].snippet).toContain('<mark>viáticos</mark>');
    expect(res.body.hits[0].snippet).not.toMatch(/27\.?123\.?456/);
    expect(JSON.stringify(res.body)).not.toContain(SECRET_DNI);
  });

  it('never searches draft or embargoed projects', async () => {
    const draft = await seedOpenData(db(), {
      project: { status: 'draft' },
      pageText: 'Expediente reservadísimo borrador',
    });
    const embargoed = await seedOpenData(db(), {
      project: { embargoUntil: new Date(Date.now() + 3_600_000) },
      pageText: 'Expediente reservadísimo embargado',
    });
    const c = new TestClient(app.url);
    expect((await c.get('/api/v1/search?q=reservadisimo')).body.hits).toEqual([]);
    expect((await c.get(`/api/v1/search?q=reservadisimo&project=${draft.project.slug}`)).body.hits).toEqual(
      [],
    );
    expect(
      (await c.get(`/api/v1/search?q=reservadisimo&project=${embargoed.project.slug}`)).body.hits,
    ).toEqual([]);
    const res = await fetch(`${app.url}/api/v1/search?q=reservadisimo`, {
      headers: { origin: 'https://x.org' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
