/** SQL for field results, records and the review trail consensus reads. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { fieldResults, records, reviews, tasks } from '../db/schema.js';
import type { Marker, NormalizedValue } from './domain/index.js';

export type FieldResultRow = typeof fieldResults.$inferSelect;
export type FieldResultStatus = FieldResultRow['status'];

/** How a field result's value is stored: the normalised value, the marker, the comparable. */
export interface StoredValue {
  v: NormalizedValue | null;
  m: Marker | null;
  c: string | null;
}

export type FieldResultWrite = Pick<
  FieldResultRow,
  'fieldPath' | 'status' | 'support' | 'contributors' | 'confidence' | 'candidates'
> & {
  value: StoredValue | null;
};

/** Every field result of a task by path. */
export async function fieldResultsOf(db: DbOrTx, taskId: string): Promise<Map<string, FieldResultRow>> {
  const rows = await db.select().from(fieldResults).where(eq(fieldResults.taskId, taskId));
  return new Map(rows.map((r) => [r.fieldPath, r]));
}

/** Inserts or replaces field results of a task. */
export async function upsertFieldResults(
  db: DbOrTx,
  taskId: string,
  rows: FieldResultWrite[],
): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(fieldResults)
    .values(rows.map((r) => ({ ...r, taskId })))
    .onConflictDoUpdate({
      target: [fieldResults.taskId, fieldResults.fieldPath],
      set: {
        status: sql`excluded.status`,
        value: sql`excluded.value`,
        support: sql`excluded.support`,
        contributors: sql`excluded.contributors`,
        confidence: sql`excluded.confidence`,
        candidates: sql`excluded.candidates`,
        updatedAt: new Date(),
      },
    });
}

/** Sets one field result (an editor's decision). */
export async function setFieldResult(
  db: DbOrTx,
  taskId: string,
  fieldPath: string,
  values: { status: FieldResultStatus; value: StoredValue | null },
): Promise<void> {
  await db
    .update(fieldResults)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(fieldResults.taskId, taskId), eq(fieldResults.fieldPath, fieldPath)));
}

/** Editor decisions on a task that consensus honours: reopened paths and accepted checks. */
export async function decisionsOf(db: DbOrTx, taskId: string) {
  const rows = await db
    .select({ action: reviews.action, fieldPath: reviews.fieldPath })
    .from(reviews)
    .where(and(eq(reviews.taskId, taskId), sql`${reviews.action} in ('reopen', 'check_accept')`));
  const reopened: Record<string, number> = {};
  for (const r of rows)
    if (r.action === 'reopen' && r.fieldPath) reopened[r.fieldPath] = (reopened[r.fieldPath] ?? 0) + 1;
  return { reopened, checksAccepted: rows.some((r) => r.action === 'check_accept') };
}

/** The record of a task (one per task), if verified. */
export async function recordOfTask(db: DbOrTx, taskId: string) {
  const rows = await db
    .select({ id: records.id })
    .from(records)
    .where(and(eq(records.taskId, taskId), isNull(records.rowIndex)))
    .limit(1);
  return rows[0];
}

/** Inserts a verified record. */
export async function insertRecord(db: DbOrTx, values: typeof records.$inferInsert): Promise<string> {
  const [row] = await db.insert(records).values(values).returning({ id: records.id });
  return row!.id;
}

/** Replaces a record's values after an editor's decision. */
export async function updateRecord(
  db: DbOrTx,
  id: string,
  values: Record<string, unknown>,
  reviewed: boolean,
): Promise<void> {
  await db.update(records).set({ values, reviewed }).where(eq(records.id, id));
}

/** Tasks waiting for an editor in a project. */
export async function reviewQueueSize(db: DbOrTx, projectId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), eq(tasks.status, 'review')));
  return rows[0]?.n ?? 0;
}
