import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { PipelineError } from '@cotejo/ocr';
import { jobs } from '../../backend/src/db/schema.js';
import { documentJob } from '../../backend/src/jobs/kinds.js';
import { buildJobRegistry, type AnyJobHandler, type JobFailure } from '../../backend/src/jobs/registry.js';
import { enqueueJobs } from '../../backend/src/jobs/repository.js';
import { startJobWorkers, type JobWorkers } from '../../backend/src/jobs/worker.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const DOC = '00000000-0000-4000-8000-000000000001';

/** A registry whose handlers record calls and run `behaviour` for page jobs. */
function recordingRegistry(behaviour: (attempt: number) => Promise<void>) {
  const calls: string[] = [];
  const failures: JobFailure[] = [];
  let attempt = 0;
  const handler = (kind: AnyJobHandler['kind']) =>
    ({
      kind,
      run: async (payload: { documentId: string }) => {
        calls.push(`${kind}:${payload.documentId}`);
        if (kind === 'page.process') await behaviour(++attempt);
      },
      giveUp: (_payload: unknown, failure: JobFailure) => Promise.resolve(void failures.push(failure)),
    }) as AnyJobHandler;
  const registry = buildJobRegistry([
    handler('document.preflight'),
    handler('page.process'),
    handler('document.assemble'),
  ]);
  return { registry, calls, failures };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('job queue', () => {
  let testDb: TestDatabase;
  let workers: JobWorkers | undefined;
  const db = () => testDb.database.db;
  const logger = pino({ level: 'silent' });
  const jobRow = async (key: string) => (await db().select().from(jobs).where(eq(jobs.dedupKey, key)))[0]!;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterEach(async () => {
    await workers?.stop();
    workers = undefined;
    await db().delete(jobs);
  });
  afterAll(() => testDb.drop());

  it('refuses to boot when a kind has no handler or two', () => {
    const { registry } = recordingRegistry(() => Promise.resolve());
    const preflight = registry.handlerFor('document.preflight')!;
    const page = registry.handlerFor('page.process')!;
    expect(() => buildJobRegistry([preflight, page])).toThrow(
      /No handler for job kind\(s\): document.assemble/,
    );
    const assemble = registry.handlerFor('document.assemble')!;
    expect(() => buildJobRegistry([preflight, page, assemble, page])).toThrow(
      /Two handlers for job kind "page.process"/,
    );
  });

  it('enqueues a dedup key once', async () => {
    const job = documentJob('page.process', { documentId: DOC, page: 3 });
    expect(job.dedupKey).toBe(`${DOC}:3:page`);
    expect(await enqueueJobs(db(), [job, job])).toBe(1);
    expect(await enqueueJobs(db(), [job])).toBe(0);
  });

  it('takes again a job whose worker died once its lease expires, not before', async () => {
    const expired = documentJob('page.process', { documentId: DOC, page: 1 });
    const held = documentJob('page.process', { documentId: DOC, page: 2 });
    await db()
      .insert(jobs)
      .values([
        {
          ...expired,
          status: 'running',
          attempts: 1,
          leaseOwner: 'dead-worker',
          leaseExpiresAt: sql`now() - interval '1 second'`,
        },
        {
          ...held,
          status: 'running',
          attempts: 1,
          leaseOwner: 'live-worker',
          leaseExpiresAt: sql`now() + interval '1 hour'`,
        },
      ]);
    const { registry, calls } = recordingRegistry(() => Promise.resolve());
    workers = startJobWorkers({ db: db(), registry, logger, concurrency: 2, pollMs: 20 });
    await until(async () => (await jobRow(expired.dedupKey)).status === 'done');
    const taken = await jobRow(expired.dedupKey);
    expect(taken).toMatchObject({ attempts: 2, leaseOwner: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(await jobRow(held.dedupKey)).toMatchObject({
      status: 'running',
      leaseOwner: 'live-worker',
      attempts: 1,
    });
    expect(calls).toEqual([`page.process:${DOC}`]);
  });

  it('keeps the lease of a long job alive, so no other worker takes it over', async () => {
    const job = documentJob('page.process', { documentId: DOC, page: 4 });
    await enqueueJobs(db(), [job]);
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    const { registry, calls } = recordingRegistry(() => running);
    // A 3-second lease is renewed every second while the handler runs.
    workers = startJobWorkers({ db: db(), registry, logger, concurrency: 1, pollMs: 20, leaseSeconds: 3 });
    await until(async () => (await jobRow(job.dedupKey)).status === 'running');
    const first = (await jobRow(job.dedupKey)).leaseExpiresAt!;
    await new Promise((r) => setTimeout(r, 4_500));
    // Past the first lease's end: still ours, renewed, and another worker finds nothing to take.
    const now = await jobRow(job.dedupKey);
    expect(now.status).toBe('running');
    expect(now.leaseOwner).toBe(workers.owner);
    expect(now.leaseExpiresAt!.getTime()).toBeGreaterThan(first.getTime());
    const other = recordingRegistry(() => Promise.resolve());
    const rival = startJobWorkers({ db: db(), registry: other.registry, logger, concurrency: 1, pollMs: 20 });
    await new Promise((r) => setTimeout(r, 300));
    await rival.stop();
    expect(other.calls).toEqual([]);
    finish();
    await until(async () => (await jobRow(job.dedupKey)).status === 'done');
    expect(calls).toEqual([`page.process:${DOC}`]);
  });

  it('retries with backoff, then gives up with the last error code', async () => {
    const job = { ...documentJob('page.process', { documentId: DOC, page: 1 }), maxAttempts: 3 };
    await enqueueJobs(db(), [job]);
    const { registry, failures } = recordingRegistry((attempt) =>
      Promise.reject(new PipelineError('ocr_failed', `engine crashed (attempt ${attempt})`)),
    );
    workers = startJobWorkers({ db: db(), registry, logger, concurrency: 1, pollMs: 20, retryBaseMs: 100 });
    const started = Date.now();
    await until(async () => (await jobRow(job.dedupKey)).status === 'failed');
    // Backoff: 100 ms after the first failure, 200 ms after the second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(await jobRow(job.dedupKey)).toMatchObject({
      attempts: 3,
      lastError: 'ocr_failed: engine crashed (attempt 3)',
    });
    await until(() => Promise.resolve(failures.length === 1));
    expect(failures).toEqual([{ code: 'ocr_failed', message: 'engine crashed (attempt 3)' }]);
  });

  it('does not retry a permanent refusal', async () => {
    const job = documentJob('page.process', { documentId: DOC, page: 1 });
    await enqueueJobs(db(), [job]);
    const { registry, failures } = recordingRegistry(() =>
      Promise.reject(new PipelineError('pdf_damaged', 'xref broken')),
    );
    workers = startJobWorkers({ db: db(), registry, logger, concurrency: 1, pollMs: 20, retryBaseMs: 10 });
    await until(() => Promise.resolve(failures.length === 1));
    expect(await jobRow(job.dedupKey)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failures[0]!.code).toBe('pdf_damaged');
  });
});
