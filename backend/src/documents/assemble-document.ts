/**
 * The `document.assemble` job, enqueued by the last page to finish: the document becomes ready
 * and the crowd engine creates its tasks, in one transaction.
 */
import type { JobHandler } from '../jobs/registry.js';
import { inTransaction } from '../realtime/publisher.js';
import { createTasksForDocument } from '../tasks/create-tasks.js';
import { failDocument } from './fail-document.js';
import type { PipelineDeps } from './pipeline.js';
import { queueDocumentProgress, queueProjectProgress } from './progress.js';
import { findDocument, markDocumentReady, pendingPageNumbers } from './repository.js';

/** Marks the document ready and creates its tasks; a no-op when it is ready already. */
export async function assembleDocument(deps: Pick<PipelineDeps, 'db' | 'publisher'>, documentId: string) {
  await inTransaction(deps.db, deps.publisher, async (tx, outbox) => {
    const doc = await findDocument(tx, documentId);
    if (!doc || doc.status !== 'processing') return;
    const pending = await pendingPageNumbers(tx, documentId);
    if (pending.length) throw new Error(`Pages ${pending.join(', ')} are not done; assembly ran too early`);
    if (!(await markDocumentReady(tx, documentId))) return;
    await createTasksForDocument(tx, outbox, documentId);
    await queueDocumentProgress(tx, outbox, documentId);
    await queueProjectProgress(tx, outbox, doc.projectId, doc.projectSlug);
  });
}

/** The registry entry for `document.assemble`. */
export function assembleDocumentHandler(deps: PipelineDeps): JobHandler<'document.assemble'> {
  return {
    kind: 'document.assemble',
    run: ({ documentId }) => assembleDocument(deps, documentId),
    giveUp: ({ documentId }, failure) => failDocument(deps, documentId, failure),
  };
}
