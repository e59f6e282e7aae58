/** SQL for the review queue and the audit of editors' decisions. */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { fieldResults, reviews, tasks, users } from '../db/schema.js';

/** Disputed fields at their limit and tasks waiting for an editor, oldest first. */
export async function reviewQueue(db: DbOrTx, projectId: string, limit = 200) {
  return db
    .select({
      taskId: tasks.id,
      documentId: tasks.documentId,
      pageNumber: tasks.pageNumber,
      schemaId: tasks.schemaId,
      taskStatus: tasks.status,
      reasons: tasks.reviewReasons,
      fieldPath: fieldResults.fieldPath,
      candidates: fieldResults.candidates,
    })
    .from(tasks)
    .leftJoin(fieldResults, and(eq(fieldResults.taskId, tasks.id), eq(fieldResults.status, 'needs_review')))
    .where(
      and(
        eq(tasks.projectId, projectId),
        eq(tasks.isGold, false),
        or(eq(tasks.status, 'review'), sql`${fieldResults.id} is not null`),
      ),
    )
    .orderBy(tasks.updatedAt, tasks.id, fieldResults.fieldPath)
    .limit(limit);
}

/** Display names and reliability of contributors. */
export async function contributorsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, { name: string; agree: number; total: number }>();
  const rows = await db
    .select({
      id: users.id,
      name: users.displayName,
      isGuest: users.isGuest,
      agree: users.reliabilityAgree,
      total: users.reliabilityTotal,
    })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(
    rows.map((r) => [r.id, { name: r.isGuest ? 'Anonymous' : r.name, agree: r.agree, total: r.total }]),
  );
}

/** Audits one decision. */
export async function insertReview(db: DbOrTx, values: typeof reviews.$inferInsert): Promise<void> {
  await db.insert(reviews).values(values);
}

/** Every decision in a project, newest first. */
export async function reviewHistory(db: DbOrTx, projectId: string, limit = 200) {
  return db
    .select({
      id: reviews.id,
      taskId: reviews.taskId,
      fieldPath: reviews.fieldPath,
      action: reviews.action,
      previousValue: reviews.previousValue,
      value: reviews.value,
      note: reviews.note,
      editor: users.displayName,
      at: reviews.createdAt,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.editorId))
    .where(eq(reviews.projectId, projectId))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
}
