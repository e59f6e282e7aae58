import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { DEMO_PROJECT_SLUG } from '../../backend/src/demo/seed.js';
import { fillDemo, moneyAsPrinted } from '../../backend/src/demo/fill-demo.js';
import { documents, projects, records, tasks } from '../../backend/src/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';

describe('console: the demo project filled with documents, work, a dispute and a release', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ COTEJO_DEMO: 'true', COTEJO_DEMO_CONTENT: 'false' });
  });
  afterAll(() => app.close());
  const db = () => app.testDb.database.db;

  it('prints money as an Argentine page does', () => {
    expect(moneyAsPrinted('1587026.87')).toBe('1.587.026,87');
    expect(moneyAsPrinted('93049.3')).toBe('93.049,30');
  });

  it('fills the demo once', async () => {
    const result = await fillDemo(app.server.ctx, { timeoutMs: 240_000 });
    expect(result).toMatchObject({ filled: true, documents: 4, release: '1.0.0' });
    const [project] = await db().select().from(projects).where(eq(projects.slug, DEMO_PROJECT_SLUG));
    const docs = await db().select().from(documents).where(eq(documents.projectId, project!.id));
    expect(docs.map((d) => [d.status, d.errorCode, d.errorMessage])).toEqual(
      docs.map(() => ['ready', null, null]),
    );
    const all = await db().select().from(tasks).where(eq(tasks.projectId, project!.id));
    expect(all.filter((t) => t.status === 'review')).toHaveLength(1);
    expect(all.filter((t) => t.status === 'complete')).toHaveLength(2);
    expect(all.filter((t) => t.status === 'open')).toHaveLength(1);
    expect(
      (await db().select().from(records).where(eq(records.projectId, project!.id))).length,
    ).toBeGreaterThanOrEqual(2);
    // A newcomer finds the open document waiting for them.
    const newcomer = new TestClient(app.url);
    await newcomer.guest();
    const next = await newcomer.post(`/api/v1/projects/${DEMO_PROJECT_SLUG}/tasks/next`);
    expect(next.status).toBe(200);
    expect(next.body.task.id).toBe(all.find((t) => t.status === 'open')!.id);

    const anonymous = new TestClient(app.url);
    const releases = await anonymous.get(`/api/v1/projects/${DEMO_PROJECT_SLUG}/releases`);
    expect(releases.body.releases.map((r: { version: string }) => r.version)).toEqual(['1.0.0']);
    expect(await fillDemo(app.server.ctx)).toMatchObject({ filled: false });
  }, 300_000);
});
