/**
 * The start-up scan: jobs leased by a dead process go back to the queue, and every unfinished
 * document gets the jobs it still needs (the dedup keys make this safe to run any time).
 */
import { documentJob, type NewJob } from '../jobs/kinds.js';
import { releaseLeases, requeueJobs } from '../jobs/repository.js';
import type { DbOrTx } from '../db/client.js';
import type { PipelineDeps } from './pipeline.js';
import { pendingPageNumbers, unfinishedDocuments } from './repository.js';

/** The jobs that move one document on from where it stands. */
export async function jobsToResume(
  db: DbOrTx,
  doc: { id: string; status: string; pageCount: number | null; pagesDone: number },
): Promise<NewJob[]> {
  const documentId = doc.id;
  if (doc.status === 'uploaded' || doc.pageCount === null)
    return [documentJob('document.preflight', { documentId })];
  const pending = await pendingPageNumbers(db, documentId);
  // No pending page yet none counted done means the page rows were never made: split again.
  if (!pending.length && doc.pagesDone < doc.pageCount)
    return [documentJob('document.preflight', { documentId })];
  if (!pending.length) return [documentJob('document.assemble', { documentId })];
  return pending.map((page) => documentJob('page.process', { documentId, page }));
}

/**
 * Resumes unfinished documents. `onlyWorker`: no other process can hold a lease (embedded mode
 * after a crash), so every lease is released at once instead of waiting for it to expire.
 */
export async function resumeDocuments(deps: Pick<PipelineDeps, 'db' | 'logger'>, onlyWorker: boolean) {
  const released = await releaseLeases(deps.db, onlyWorker ? 'all' : 'expired');
  const docs = await unfinishedDocuments(deps.db);
  for (const doc of docs) await requeueJobs(deps.db, await jobsToResume(deps.db, doc));
  if (released || docs.length)
    deps.logger.info({ released, documents: docs.length }, 'resumed unfinished documents');
  return { released, documents: docs.length };
}
