/**
 * The `document.preflight` job: reads the stored original, checks it again (the upload checked it
 * synchronously, but the job may run after a crash or a retry), creates the page rows and fans out
 * one `page.process` job per page.
 */
import { preflightPdf } from '@cotejo/ocr';
import { documentJob } from '../jobs/kinds.js';
import type { JobHandler } from '../jobs/registry.js';
import { requeueJobs } from '../jobs/repository.js';
import { inTransaction } from '../realtime/publisher.js';
import { failDocument } from './fail-document.js';
import type { PipelineDeps } from './pipeline.js';
import { queueDocumentProgress } from './progress.js';
import { findDocument, insertPendingPages, pendingPageNumbers, startProcessing } from './repository.js';

/** Splits an uploaded document into page jobs. */
export async function preflightDocument(deps: PipelineDeps, documentId: string): Promise<void> {
  const doc = await findDocument(deps.db, documentId);
  if (!doc || (doc.status !== 'uploaded' && doc.status !== 'processing')) return;
  const bytes = await deps.storage.get(doc.storageKey);
  const checked = await preflightPdf(bytes, deps.limits);
  await inTransaction(deps.db, deps.publisher, async (tx, outbox) => {
    await insertPendingPages(tx, documentId, checked.pages);
    if (!(await startProcessing(tx, documentId, checked.pageCount, { pdf: checked.metadata }))) return;
    const pending = await pendingPageNumbers(tx, documentId);
    await requeueJobs(
      tx,
      pending.map((page) => documentJob('page.process', { documentId, page })),
    );
    await queueDocumentProgress(tx, outbox, documentId);
  });
  deps.enqueued();
}

/** The registry entry for `document.preflight`. */
export function preflightDocumentHandler(deps: PipelineDeps): JobHandler<'document.preflight'> {
  return {
    kind: 'document.preflight',
    run: ({ documentId }) => preflightDocument(deps, documentId),
    giveUp: ({ documentId }, failure) => failDocument(deps, documentId, failure),
  };
}
