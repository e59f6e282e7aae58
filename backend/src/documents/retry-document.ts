/** Retrying a failed document: it is queued again where it stopped; finished pages are not redone. */
import { AppError } from '../errors.js';
import { requeueJobs } from '../jobs/repository.js';
import { inTransaction } from '../realtime/publisher.js';
import type { PipelineDeps } from './pipeline.js';
import { queueDocumentProgress } from './progress.js';
import { reopenFailedDocument } from './repository.js';
import { jobsToResume } from './resume-documents.js';

/** failed → queued again; throws 409 when the document has not failed. */
export async function retryDocument(
  deps: Pick<PipelineDeps, 'db' | 'publisher' | 'enqueued'>,
  documentId: string,
) {
  await inTransaction(deps.db, deps.publisher, async (tx, outbox) => {
    const reopened = await reopenFailedDocument(tx, documentId);
    if (!reopened) throw new AppError('conflict', 'Only a failed document can be retried');
    await requeueJobs(tx, await jobsToResume(tx, reopened));
    await queueDocumentProgress(tx, outbox, documentId);
  });
  deps.enqueued();
}
