/** SQL for transcriptions. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { transcriptions, users } from '../db/schema.js';

export type TranscriptionRow = typeof transcriptions.$inferSelect;

/** A transcription by its client submission id (idempotency). */
export async function findBySubmissionId(
  db: DbOrTx,
  clientSubmissionId: string,
): Promise<TranscriptionRow | undefined> {
  const rows = await db
    .select()
    .from(transcriptions)
    .where(eq(transcriptions.clientSubmissionId, clientSubmissionId))
    .limit(1);
  return rows[0];
}

/** Inserts a transcription. */
export async function insertTranscription(
  db: DbOrTx,
  values: typeof transcriptions.$inferInsert,
): Promise<TranscriptionRow> {
  const [row] = await db.insert(transcriptions).values(values).returning();
  return row!;
}

/** A task's crowd transcriptions with each contributor's reliability now. */
export async function transcriptionsForConsensus(db: DbOrTx, taskId: string) {
  return db
    .select({
      id: transcriptions.id,
      userId: transcriptions.userId,
      entries: transcriptions.normalizedValues,
      sources: transcriptions.sources,
      createdAt: transcriptions.createdAt,
      agree: users.reliabilityAgree,
      total: users.reliabilityTotal,
    })
    .from(transcriptions)
    .innerJoin(users, eq(users.id, transcriptions.userId))
    .where(and(eq(transcriptions.taskId, taskId), eq(transcriptions.isGold, false)))
    .orderBy(asc(transcriptions.createdAt), asc(transcriptions.id));
}

/** Adds outcomes to a user's reliability (incremental, no replay). */
export async function addReliability(
  db: DbOrTx,
  userId: string,
  agree: number,
  total: number,
): Promise<void> {
  await db
    .update(users)
    .set({
      reliabilityAgree: sql`${users.reliabilityAgree} + ${agree}`,
      reliabilityTotal: sql`${users.reliabilityTotal} + ${total}`,
    })
    .where(eq(users.id, userId));
}
