/** Progress notices for a document, queued in the transaction's outbox (sent after commit). */
import type { DocumentProgressEvent } from '../contracts/events.js';
import type { DbOrTx } from '../db/client.js';
import { progressOf } from '../projects/repository.js';
import type { Outbox } from '../realtime/publisher.js';
import { findDocument, type DocumentProgressRow } from './repository.js';

/** Queues `document.progress` to the document and project rooms, as the row stands in `tx`. */
export async function queueDocumentProgress(tx: DbOrTx, outbox: Outbox, documentId: string): Promise<void> {
  const doc = await findDocument(tx, documentId);
  if (doc) queueProgressOf(outbox, doc);
}

/** Queues `document.progress` for a document row the caller already holds as it stands in its transaction. */
export function queueProgressOf(outbox: Outbox, doc: DocumentProgressRow): void {
  const event: DocumentProgressEvent = {
    projectSlug: doc.projectSlug,
    documentId: doc.id,
    status: doc.status,
    stage: doc.stage,
    pagesDone: doc.pagesDone,
    pageCount: doc.pageCount,
    error: doc.errorCode ? { code: doc.errorCode, message: doc.errorMessage ?? '' } : null,
  };
  outbox.add(`document:${doc.id}`, 'document.progress', event);
  outbox.add(`project:${doc.projectSlug}`, 'document.progress', event);
}

/** Queues `project.progress` (a document became ready, so the project's counts moved). */
export async function queueProjectProgress(tx: DbOrTx, outbox: Outbox, projectId: string, slug: string) {
  const progress = (await progressOf(tx, [projectId])).get(projectId)!;
  outbox.add(`project:${slug}`, 'project.progress', { projectSlug: slug, ...progress });
}
