/**
 * Project progress for the public project list is kept a moment (PROGRESS_CACHE_MS) so a busy home
 * page does not count every project for every visitor; editors read it fresh.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { documents } from '../../backend/src/db/schema.js';
import { cachedProgressOf, progressOf } from '../../backend/src/projects/repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { makeOrganization, makeProject, makeUser } from '../support/factories.js';

let app: TestApp;
const db = () => app.server.ctx.database.db;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function addDocument(projectId: string): Promise<void> {
  const sha256 = randomUUID().replace(/-/g, '');
  await db()
    .insert(documents)
    .values({ projectId, originalFilename: 'a.pdf', sha256, bytes: 1, storageKey: `k/${sha256}` });
}

type Listed = { projects: { slug: string; progress: { documents: number } }[] };
const documentsIn = (body: unknown, slug: string) =>
  (body as Listed).projects.find((p) => p.slug === slug)?.progress.documents;

describe('project progress', () => {
  it('serves the public list from a short cache, and editors fresh counts', async () => {
    const editor = await makeUser(db(), 'editor');
    const org = await makeOrganization(db(), [editor]);
    const project = await makeProject(db(), org.id);
    await addDocument(project.id);
    const visitor = new TestClient(app.url);
    expect(documentsIn((await visitor.get('/api/v1/projects')).body, project.slug)).toBe(1);

    await addDocument(project.id);
    // Within the cache's time the public list still shows the count it read…
    expect(documentsIn((await visitor.get('/api/v1/projects')).body, project.slug)).toBe(1);
    expect((await cachedProgressOf(db(), db(), [project.id])).get(project.id)?.documents).toBe(1);
    // …while the editor's list, the project's own page and a direct count are current.
    const editorClient = new TestClient(app.url);
    await editorClient.logIn(editor.email!);
    expect(documentsIn((await editorClient.get('/api/v1/projects')).body, project.slug)).toBe(2);
    expect((await visitor.get(`/api/v1/projects/${project.slug}`)).body.project.progress.documents).toBe(2);
    expect((await progressOf(db(), [project.id])).get(project.id)?.documents).toBe(2);
  });
});
