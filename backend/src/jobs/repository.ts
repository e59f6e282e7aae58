/** SQL for the durable job queue on the `jobs` table. */
import { and, eq, inArray, like, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { jobs } from '../db/schema.js';
import type { NewJob } from './kinds.js';

export type JobRow = typeof jobs.$inferSelect;

/** Inserts jobs; one whose dedup key exists already is skipped (insert … on conflict do nothing). */
export async function enqueueJobs(db: DbOrTx, list: NewJob[]): Promise<number> {
  if (!list.length) return 0;
  let inserted = 0;
  // Batches keep a 2,000-page document under the bind-parameter limit.
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .insert(jobs)
      .values(list.slice(i, i + 500).map((job) => ({ ...job, payload: job.payload })))
      .onConflictDoNothing({ target: jobs.dedupKey })
      .returning({ id: jobs.id });
    inserted += rows.length;
  }
  return inserted;
}

/**
 * Takes the oldest runnable job, or one whose lease expired (its worker died), and leases it to
 * `owner`. SKIP LOCKED lets several workers claim at once without waiting on each other.
 */
export async function claimNextJob(
  db: DbOrTx,
  owner: string,
  leaseSeconds: number,
): Promise<JobRow | undefined> {
  const next = sql`(select ${jobs.id} from ${jobs}
    where (${jobs.status} = 'queued' and ${jobs.runAfter} <= now())
       or (${jobs.status} = 'running' and ${jobs.leaseExpiresAt} < now())
    order by ${jobs.runAfter}, ${jobs.id} limit 1 for update skip locked)`;
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      leaseOwner: owner,
      leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
      updatedAt: sql`now()`,
    })
    .where(sql`${jobs.id} = ${next}`)
    .returning();
  return row;
}

/**
 * Extends a running job's lease (a heartbeat while its handler works); false when the lease is
 * no longer ours (another worker took the job over), so the caller knows its result will be dropped.
 */
export async function renewJobLease(
  db: DbOrTx,
  id: number,
  owner: string,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`, updatedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Marks a leased job done; a no-op when another worker has taken the lease since. */
export async function completeJob(db: DbOrTx, id: number, owner: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', leaseOwner: null, leaseExpiresAt: null, lastError: null, updatedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)));
}

/** Puts a failed attempt back in the queue to run after `delayMs`. */
export async function scheduleRetry(db: DbOrTx, id: number, owner: string, delayMs: number, error: string) {
  await db
    .update(jobs)
    .set({
      status: 'queued',
      runAfter: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: error,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)));
}

/** Marks a job failed for good. */
export async function markJobFailed(db: DbOrTx, id: number, owner: string, error: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: error,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner)))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Returns leased jobs to the queue: every lease when this process is the only possible worker
 * (embedded mode, after a crash), otherwise only expired ones.
 */
export async function releaseLeases(db: DbOrTx, scope: 'all' | 'expired'): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', leaseOwner: null, leaseExpiresAt: null, updatedAt: sql`now()` })
    .where(
      and(eq(jobs.status, 'running'), scope === 'expired' ? lt(jobs.leaseExpiresAt, sql`now()`) : undefined),
    )
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Enqueues jobs, and queues again with fresh attempts those that exist but finished (done or
 * failed): used when a page is still pending although its job ended (retry, resume).
 */
export async function requeueJobs(db: DbOrTx, list: NewJob[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    await db
      .insert(jobs)
      .values(list.slice(i, i + 500).map((job) => ({ ...job, payload: job.payload })))
      .onConflictDoUpdate({
        target: jobs.dedupKey,
        set: { status: 'queued', attempts: 0, runAfter: sql`now()`, lastError: null, updatedAt: sql`now()` },
        setWhere: inArray(jobs.status, ['done', 'failed']),
      });
  }
}

/** Queues a document's failed jobs again with fresh attempts (the retry endpoint). */
export async function requeueFailedJobs(db: DbOrTx, documentId: string): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', attempts: 0, runAfter: sql`now()`, lastError: null, updatedAt: sql`now()` })
    .where(and(like(jobs.dedupKey, `${documentId}:%`), inArray(jobs.status, ['failed'])))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Every job of a document (tests and diagnostics). */
export function jobsOfDocument(db: DbOrTx, documentId: string): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(like(jobs.dedupKey, `${documentId}:%`))
    .orderBy(jobs.id);
}
