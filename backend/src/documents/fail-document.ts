/** A document whose job gave up is marked failed with the job's last error code. */
import type { JobFailure } from '../jobs/registry.js';
import { inTransaction } from '../realtime/publisher.js';
import type { PipelineDeps } from './pipeline.js';
import { queueDocumentProgress } from './progress.js';
import { markDocumentFailed, markPageFailed } from './repository.js';

/** Marks the document (and the page, for a page job) failed and tells its rooms. */
export async function failDocument(
  deps: Pick<PipelineDeps, 'db' | 'publisher'>,
  documentId: string,
  failure: JobFailure,
  page?: number,
): Promise<void> {
  await inTransaction(deps.db, deps.publisher, async (tx, outbox) => {
    if (page !== undefined) await markPageFailed(tx, documentId, page);
    // An unexpected error's message can carry paths and internals: those stay in the job row and the log.
    const message =
      failure.code === 'internal_error'
        ? 'Processing failed unexpectedly (details in the server log); retry the document'
        : failure.message;
    if (await markDocumentFailed(tx, documentId, failure.code, message)) {
      await queueDocumentProgress(tx, outbox, documentId);
    }
  });
}
