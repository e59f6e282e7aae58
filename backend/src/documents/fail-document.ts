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
    if (await markDocumentFailed(tx, documentId, failure.code, failure.message)) {
      await queueDocumentProgress(tx, outbox, documentId);
    }
  });
}
