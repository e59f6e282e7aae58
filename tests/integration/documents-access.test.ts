import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { and, eq, sql } from 'drizzle-orm';
import { documents, jobs, pages } from '../../backend/src/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { makeOrganization, makeProject, makeUser } from '../support/factories.js';
import { fixture, upload, waitForDocument } from './documents-helpers.js';

type Who = 'anonymous' | 'guest' | 'volunteer' | 'otherEditor' | 'editor' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'guest', 'volunteer', 'otherEditor', 'editor', 'admin'];
const EDITORS_ONLY: Record<Who, number[]> = {
  anonymous: [401],
  guest: [403],
  volunteer: [403],
  otherEditor: [403],
  editor: [200, 201, 202, 409],
  admin: [200, 201, 202, 409],
};

describe('who may use the document endpoints', () => {
  let app: TestApp;
  const clients = {} as Record<Who, TestClient>;
  let live: { slug: string; docId: string };
  let draft: { slug: string; docId: string };
  const db = () => app.testDb.database.db;

  async function projectWithDocument(status: 'live' | 'draft', orgId: string, file: string) {
    const project = await makeProject(db(), orgId, { status });
    const res = await upload(clients.editor, project.slug, [
      { name: file, bytes: fixture(`born-digital/${file}`) },
    ]);
    const docId = res.body.documents[0].id as string;
    await waitForDocument(clients.editor, docId);
    return { slug: project.slug, docId };
  }

  beforeAll(async () => {
    app = await startTestApp();
    const editor = await makeUser(db(), 'editor');
    const otherEditor = await makeUser(db(), 'editor');
    const admin = await makeUser(db(), 'admin');
    const volunteer = await makeUser(db(), 'volunteer');
    const org = await makeOrganization(db(), [editor]);
    await makeOrganization(db(), [otherEditor]);
    for (const who of EVERYONE) clients[who] = new TestClient(app.url);
    await clients.anonymous.session();
    await clients.guest.guest();
    await clients.volunteer.logIn(volunteer.email!);
    await clients.otherEditor.logIn(otherEditor.email!);
    await clients.editor.logIn(editor.email!);
    await clients.admin.logIn(admin.email!);
    live = await projectWithDocument('live', org.id, 'contract-awards-crda-2024-q1.pdf');
    draft = await projectWithDocument('draft', org.id, 'contract-awards-dhd-2024-h1.pdf');
    // The first page starts the page threads (pdfjs, and under jest a tsx compile of ocr/).
  }, 180_000);
  afterAll(() => app.close());

  const editorOnly: [string, (p: { slug: string; docId: string }) => [string, string]][] = [
    ['list', (p) => ['GET', `/api/v1/projects/${p.slug}/documents`]],
    ['original', (p) => ['GET', `/api/v1/documents/${p.docId}/original`]],
    ['retry', (p) => ['POST', `/api/v1/documents/${p.docId}/retry`]],
  ];
  it.each(editorOnly)('%s: editors of the organization and admins only', async (_name, route) => {
    for (const who of EVERYONE) {
      const [method, path] = route(live);
      const res = await clients[who].request(method, path);
      expect({ who, status: res.status, allowed: EDITORS_ONLY[who].includes(res.status) }).toMatchObject({
        who,
        allowed: true,
      });
    }
  });

  it('upload: editors of the organization and admins only', async () => {
    for (const who of EVERYONE) {
      const bytes = Buffer.concat([
        fixture('born-digital/rendicion-concejo-2023-11.pdf'),
        Buffer.from(`\n%${who}\n`),
      ]);
      const res = await upload(clients[who], live.slug, [{ name: `${who}.pdf`, bytes }]);
      expect({ who, status: res.status, allowed: EDITORS_ONLY[who].includes(res.status) }).toMatchObject({
        who,
        allowed: true,
      });
    }
  });

  const visible: [string, (id: string) => string][] = [
    ['document', (id) => `/api/v1/documents/${id}`],
    ['page', (id) => `/api/v1/documents/${id}/pages/1`],
    ['image', (id) => `/api/v1/documents/${id}/pages/1/image`],
    ['thumbnail', (id) => `/api/v1/documents/${id}/pages/1/thumbnail`],
    ['words', (id) => `/api/v1/documents/${id}/pages/1/words`],
  ];
  it.each(visible)('%s: anyone on a live project, only its editors on a draft', async (_name, path) => {
    for (const who of EVERYONE) {
      expect({ who, status: (await clients[who].get(path(live.docId))).status }).toEqual({
        who,
        status: 200,
      });
      const onDraft = who === 'editor' || who === 'admin' ? 200 : 404;
      expect({ who, status: (await clients[who].get(path(draft.docId))).status }).toEqual({
        who,
        status: onDraft,
      });
    }
    expect((await clients.editor.get(path('not-a-uuid'))).status).toBe(404);
  });

  it('retries a failed document without redoing finished pages', async () => {
    const res = await upload(clients.editor, live.slug, [
      { name: 'multi.pdf', bytes: fixture('born-digital/rendicion-legislatura-2024-07.pdf') },
    ]);
    const doc = await waitForDocument(clients.editor, res.body.documents[0].id);
    expect(doc.pageCount).toBeGreaterThan(1);
    // As if page 2 had failed for good: its job failed, the document failed with the job's code.
    await db()
      .update(pages)
      .set({ status: 'failed' })
      .where(and(eq(pages.documentId, doc.id), eq(pages.number, 2)));
    await db()
      .update(documents)
      .set({
        status: 'failed',
        errorCode: 'ocr_failed',
        errorMessage: 'engine crashed',
        pagesDone: sql`pages_done - 1`,
      })
      .where(eq(documents.id, doc.id));
    await db()
      .update(jobs)
      .set({ status: 'failed', lastError: 'ocr_failed: engine crashed' })
      .where(eq(jobs.dedupKey, `${doc.id}:2:page`));
    const failed = (await clients.editor.get(`/api/v1/documents/${doc.id}`)).body.document;
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'ocr_failed', message: 'engine crashed' },
    });
    const before = await db().select().from(pages).where(eq(pages.documentId, doc.id)).orderBy(pages.number);

    const retry = await clients.editor.post(`/api/v1/documents/${doc.id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body.document).toMatchObject({ status: 'processing', error: null });
    expect((await waitForDocument(clients.editor, doc.id)).status).toBe('ready');
    const after = await db().select().from(pages).where(eq(pages.documentId, doc.id)).orderBy(pages.number);
    for (const page of after.filter((p) => p.number !== 2)) {
      expect(page.updatedAt).toEqual(before.find((p) => p.number === page.number)!.updatedAt);
    }
    expect(after.find((p) => p.number === 2)).toMatchObject({ status: 'done' });
    expect((await clients.editor.post(`/api/v1/documents/${doc.id}/retry`)).status).toBe(409);
  });
});
