/** SQL for transcriptions. */
import { eq, sql } from 'drizzle-orm';
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

const unsetKeys = (values: object) =>
  Object.entries(values)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k)
    .sort()
    .join('_');

/** Inserts a transcription. */
export async function insertTranscription(
  db: DbOrTx,
  values: typeof transcriptions.$inferInsert,
): Promise<TranscriptionRow> {
  const [row] = await db
    .insert(transcriptions)
    .values(values)
    .returning()
    // Undefined columns become DEFAULT, which changes the SQL text: one statement name per shape.
    .prepare(`insert_transcription_${unsetKeys(values)}`)
    .execute();
  return row!;
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
