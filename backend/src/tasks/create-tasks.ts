/**
 * Tasks for a document that became ready: one per document or one per page, per the project's
 * granularity, against the latest field schema. Idempotent: a document that has tasks gets none.
 * Gold tasks are never made here (an editor turns a verified task into one: make-gold.ts).
 */
import type { Tx } from '../db/client.js';
import type { Outbox } from '../realtime/publisher.js';
import { latestSchema } from '../schemas/repository.js';
import { documentForTasks, insertTasks, pageNumbersOf, tasksOfDocument, type TaskRow } from './repository.js';

/** Creates the document's tasks (none when it already has some); returns those created. */
export async function createTasksForDocument(
  tx: Tx,
  _outbox: Outbox,
  documentId: string,
): Promise<TaskRow[]> {
  const doc = await documentForTasks(tx, documentId);
  if (!doc) return [];
  if ((await tasksOfDocument(tx, documentId)).length > 0) return [];
  const schema = await latestSchema(tx, doc.projectId);
  const base = {
    projectId: doc.projectId,
    documentId,
    schemaId: schema?.id ?? null,
    needed: Math.max(1, Math.ceil(doc.agreeK - 1e-9)),
  };
  if (doc.granularity === 'document') return insertTasks(tx, [{ ...base, pageNumber: null }]);
  const numbers = await pageNumbersOf(tx, documentId);
  const all = numbers.length ? numbers : Array.from({ length: doc.pageCount ?? 0 }, (_, i) => i + 1);
  return insertTasks(
    tx,
    all.map((n) => ({ ...base, pageNumber: n })),
  );
}
