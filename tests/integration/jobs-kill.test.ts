/**
 * Killing `cotejo serve` in the middle of OCR and starting it again on the same data directory
 * finishes the document without redoing the pages that were done before the kill.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, like } from 'drizzle-orm';
import { openDatabase } from '../../backend/src/db/client.js';
import { jobs, pages } from '../../backend/src/db/schema.js';
import { startServerProcess, type ServerProcess } from '../support/cli.js';
import { TestClient } from '../support/client.js';
import { PASSWORD } from '../support/factories.js';
import { fixture, upload, waitForDocument } from './documents-helpers.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cotejo-kill-'));
const env = {
  COTEJO_DATA_DIR: dataDir,
  COTEJO_DEMO: 'false',
  COTEJO_ADMIN_EMAIL: 'admin@example.org',
  COTEJO_ADMIN_PASSWORD: PASSWORD,
  // One page at a time, so there is a moment with some pages done and others not.
  COTEJO_WORKERS: '1',
};

/** Polls until at least one page is done but not all; the caller kills the process right then. */
async function waitForPartialProgress(client: TestClient, id: string) {
  // Generous: on a loaded 2-core machine the first page (thread start-up, OCR model load) took minutes.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const doc = (await client.get(`/api/v1/documents/${id}`)).body.document;
    if (doc.status === 'ready') throw new Error('The document finished before the kill: nothing to prove');
    if (doc.pagesDone >= 1 && doc.pagesDone < doc.pageCount) return doc;
    if (Date.now() > deadline) throw new Error(`No progress: ${JSON.stringify(doc)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a process killed in the middle of OCR', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the document after a restart without redoing finished pages', async () => {
    server = await startServerProcess(env, 180_000);
    const client = new TestClient(server.url);
    expect((await client.logIn('admin@example.org')).status).toBe(200);
    expect((await client.post('/api/v1/organizations', { slug: 'kill-org', name: 'Kill org' })).status).toBe(
      201,
    );
    const project = { slug: 'kill', organization: 'kill-org', title: 'Kill test', status: 'live' };
    expect((await client.post('/api/v1/projects', project)).status).toBe(201);
    const res = await upload(client, 'kill', [
      { name: 'scan.pdf', bytes: fixture('scanned/contract-awards-mpi-2023-scan.pdf') },
    ]);
    expect(res.status).toBe(201);
    const id = res.body.documents[0].id as string;

    const partial = await waitForPartialProgress(client, id);
    await server.stop('SIGKILL');
    server = undefined;
    const done = partial.pages
      .filter((p: { status: string }) => p.status === 'done')
      .map((p: { number: number }) => p.number);
    expect(done.length).toBeGreaterThan(0);

    // Read the finished pages' rows as the kill left them (the data dir is free while no server runs).
    const before = await readState(id);
    server = await startServerProcess(env, 180_000);
    const again = new TestClient(server.url);
    await again.logIn('admin@example.org');
    const finished = await waitForDocument(again, id, 300_000);
    expect(finished).toMatchObject({ status: 'ready', pagesDone: partial.pageCount });
    await server.stop('SIGTERM');
    server = undefined;

    const after = await readState(id);
    for (const number of done) {
      // Same row version and a page job that ran once: the page was not processed again.
      expect(after.pages.get(number)).toEqual(before.pages.get(number));
      expect(after.jobs.get(`${id}:${number}:page`)).toMatchObject({ status: 'done', attempts: 1 });
    }
    const redone = [...after.pages.keys()].filter((n) => !done.includes(n));
    expect(redone.length).toBeGreaterThan(0);
    for (const number of redone) expect(after.pages.get(number)).toMatchObject({ status: 'done' });
  }, 900_000);
});

async function readState(documentId: string) {
  const database = await openDatabase(
    { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    { migrate: false },
  );
  try {
    const pageRows = await database.db.select().from(pages).where(eq(pages.documentId, documentId));
    const jobRows = await database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupKey, `${documentId}:%`));
    return {
      pages: new Map(
        pageRows.map((p) => [
          p.number,
          { status: p.status, updatedAt: p.updatedAt.toISOString(), text: p.text },
        ]),
      ),
      jobs: new Map(jobRows.map((j) => [j.dedupKey!, { status: j.status, attempts: j.attempts }])),
    };
  } finally {
    await database.close();
  }
}
