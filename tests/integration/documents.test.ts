import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { DocumentProgressEvent } from '../../backend/src/contracts/events.js';
import { documents, jobs, pages, tasks } from '../../backend/src/db/schema.js';
import type { DeferredPublisher } from '../../backend/src/realtime/publisher.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { makeOrganization, makeProject, makeUser } from '../support/factories.js';
import { filesUnder, fixture, upload, waitForDocument } from './documents-helpers.js';

describe('document upload and pipeline', () => {
  let app: TestApp;
  let editor: TestClient;
  let slug: string;
  const events: { room: string; event: string; payload: unknown }[] = [];
  const db = () => app.testDb.database.db;
  const filesDir = () => path.join(app.config.dataDir, 'files');

  beforeAll(async () => {
    app = await startTestApp();
    (app.server.ctx.publisher as DeferredPublisher).setTarget({
      publish: (room, event, payload) => void events.push({ room, event, payload }),
    });
    const user = await makeUser(db(), 'editor');
    const org = await makeOrganization(db(), [user]);
    const project = await makeProject(db(), org.id, { taskGranularity: 'page' });
    slug = project.slug;
    editor = new TestClient(app.url);
    await editor.logIn(user.email!);
  });
  afterAll(() => app.close());

  it('takes a born-digital PDF to ready with page images, words and tasks', async () => {
    const bytes = fixture('born-digital/rendicion-legislatura-2024-07.pdf');
    const res = await upload(editor, slug, [{ name: 'rendicion.pdf', bytes }]);
    expect(res.status).toBe(201);
    const [created] = res.body.documents;
    expect(created).toMatchObject({
      originalFilename: 'rendicion.pdf',
      bytes: bytes.length,
      status: 'uploaded',
    });
    expect(created.pageCount).toBeGreaterThan(1);
    // The first page also starts the page threads: slow on a loaded machine.
    const done = await waitForDocument(editor, created.id, 150_000);
    expect(done).toMatchObject({ status: 'ready', pagesDone: created.pageCount, error: null, stage: null });
    expect(
      done.pages.every(
        (p: { status: string; source: string }) => p.status === 'done' && p.source === 'text-layer',
      ),
    ).toBe(true);

    const page = (await editor.get(`/api/v1/documents/${created.id}/pages/1`)).body.page;
    expect(page.text.length).toBeGreaterThan(100);
    const image = await fetch(app.url + page.display.url);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(8, 12)
        .toString(),
    ).toBe('WEBP');
    const words = (await editor.get(`/api/v1/documents/${created.id}/pages/1/words`)).body;
    expect(words.words.length).toBeGreaterThan(20);
    expect(Object.keys(words.words[0]).sort()).toEqual(['bbox', 'box', 'confidence', 'text']);

    const [row] = await db().select({ n: count() }).from(tasks).where(eq(tasks.documentId, created.id));
    expect(row!.n).toBe(created.pageCount);
    const original = await editor.get(`/api/v1/documents/${created.id}/original`);
    expect(Buffer.from(original.body as string, 'latin1').length).toBeGreaterThan(0);

    const mine = events.filter((e) => (e.payload as DocumentProgressEvent).documentId === created.id);
    expect(mine.some((e) => e.room === `document:${created.id}`)).toBe(true);
    expect(mine.at(-1)?.payload).toMatchObject({ status: 'ready', pagesDone: created.pageCount });
    // Each finished page says so, with the counts as its transaction left them.
    const pageNotices = mine.filter((e) => (e.payload as DocumentProgressEvent).status === 'processing');
    expect(pageNotices.map((e) => (e.payload as DocumentProgressEvent).pagesDone)).toContain(
      created.pageCount,
    );
    expect(pageNotices.every((e) => (e.payload as DocumentProgressEvent).projectSlug === slug)).toBe(true);
    expect(events.some((e) => e.event === 'project.progress' && e.room === `project:${slug}`)).toBe(true);
  }, 180_000);

  it('OCRs a scanned page', async () => {
    const res = await upload(editor, slug, [
      { name: 'scan.pdf', bytes: fixture('scanned/contract-awards-crda-2024-q1-scan.pdf') },
    ]);
    expect(res.status).toBe(201);
    const done = await waitForDocument(editor, res.body.documents[0].id, 90_000);
    expect(done.status).toBe('ready');
    expect(done.pages[0].source).toBe('ocr');
    const page = (await editor.get(`/api/v1/documents/${done.id}/pages/1`)).body.page;
    expect(page.meanConfidence).toBeGreaterThan(50);
    expect(
      (await editor.get(`/api/v1/documents/${done.id}/pages/1/words`)).body.words.length,
    ).toBeGreaterThan(20);
    expect((await fetch(app.url + page.thumbnailUrl)).status).toBe(200);
  }, 120_000);

  it('refuses bad PDFs with their code and keeps nothing', async () => {
    const expected = JSON.parse(fixture('bad/expected.json').toString()) as Record<string, string>;
    const before = {
      files: filesUnder(filesDir()),
      docs: await db().select().from(documents),
      jobs: await db().select().from(jobs),
    };
    for (const [name, code] of Object.entries(expected)) {
      const res = await upload(editor, slug, [{ name, bytes: fixture(`bad/${name}`) }]);
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({
        name,
        status: expect.any(Number),
        code,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(filesUnder(filesDir())).toEqual(before.files);
    expect(await db().select().from(documents)).toEqual(before.docs);
    expect(await db().select().from(jobs)).toEqual(before.jobs);
  });

  it('reports a duplicate within the project and stores it once', async () => {
    const bytes = fixture('born-digital/contract-awards-dhd-2024-h1.pdf');
    const first = await upload(editor, slug, [{ name: 'a.pdf', bytes }]);
    expect(first.status).toBe(201);
    const files = filesUnder(filesDir()).filter((f) => f.endsWith('original.pdf'));
    const again = await upload(editor, slug, [{ name: 'b.pdf', bytes }]);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'duplicate_document',
      details: { documentId: first.body.documents[0].id },
    });
    expect(filesUnder(filesDir()).filter((f) => f.endsWith('original.pdf'))).toEqual(files);
    await waitForDocument(editor, first.body.documents[0].id);
  });

  it('accepts several files at once and lists the refused ones', async () => {
    const res = await upload(editor, slug, [
      { name: 'good.pdf', bytes: fixture('born-digital/contract-awards-crda-2024-q1.pdf') },
      { name: 'bad.pdf', bytes: fixture('bad/text-file.pdf') },
      { name: 'good2.pdf', bytes: fixture('born-digital/rendicion-concejo-2023-11.pdf') },
    ]);
    expect(res.status).toBe(201);
    expect(res.body.documents.map((d: { originalFilename: string }) => d.originalFilename)).toEqual([
      'good.pdf',
      'good2.pdf',
    ]);
    expect(res.body.rejected).toEqual([
      { filename: 'bad.pdf', error: expect.objectContaining({ code: 'not_a_pdf' }) },
    ]);
    for (const d of res.body.documents) expect((await waitForDocument(editor, d.id)).status).toBe('ready');
    const list = await editor.get(`/api/v1/projects/${slug}/documents?status=ready`);
    expect(list.body.documents.length).toBeGreaterThanOrEqual(2);
    expect((await editor.get(`/api/v1/projects/${slug}/documents?status=nope`)).status).toBe(422);
  });

  it('answers 304 to a current ETag', async () => {
    const res = await upload(editor, slug, [
      { name: 'mpi.pdf', bytes: fixture('born-digital/contract-awards-mpi-2023.pdf') },
    ]);
    const doc = await waitForDocument(editor, res.body.documents[0].id);
    const [page] = await db().select().from(pages).where(eq(pages.documentId, doc.id)).limit(1);
    expect(page!.status).toBe('done');
    const first = await editor.get(`/api/v1/documents/${doc.id}/pages/${page!.number}/thumbnail`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const again = await editor.request(
      'GET',
      `/api/v1/documents/${doc.id}/pages/${page!.number}/thumbnail`,
      undefined,
      {
        'if-none-match': etag,
      },
    );
    expect(again.status).toBe(304);
    const meta = await editor.get(`/api/v1/documents/${doc.id}/pages/1`);
    const metaAgain = await editor.request('GET', `/api/v1/documents/${doc.id}/pages/1`, undefined, {
      'if-none-match': meta.headers.get('etag')!,
    });
    expect(metaAgain.status).toBe(304);
  });
});

describe('upload size limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ COTEJO_MAX_UPLOAD_MB: '1', COTEJO_WORKERS: '0' });
  });
  afterAll(() => app.close());

  it('answers 413 file_too_large and removes the partial file', async () => {
    const db = app.testDb.database.db;
    const user = await makeUser(db, 'editor');
    const project = await makeProject(db, (await makeOrganization(db, [user])).id);
    const client = new TestClient(app.url);
    await client.logIn(user.email!);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 32)]);
    const res = await upload(client, project.slug, [{ name: 'big.pdf', bytes: big }]);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('file_too_large');
    expect(filesUnder(path.join(app.config.dataDir, 'files'))).toEqual([]);
    expect(await db.select().from(documents)).toEqual([]);
  });
});
