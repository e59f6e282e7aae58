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

/**
 * Adds outcomes to several users' reliability in one statement, locking their rows in id order
 * (concurrent submissions touching the same people never deadlock). The lock is FOR NO KEY UPDATE,
 * as a plain UPDATE takes: it does not wait on the key-share locks that inserting a transcription
 * (a foreign key to users) holds.
 */
export async function addReliabilityMany(
  db: DbOrTx,
  rows: { userId: string; agree: number; total: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length === 1) return addReliability(db, rows[0]!.userId, rows[0]!.agree, rows[0]!.total);
  const values = sql.join(
    rows.map((r) => sql`(${r.userId}::uuid, ${r.agree}::real, ${r.total}::real)`),
    sql`, `,
  );
  await db.execute(sql`
    with v(id, agree, total) as (values ${values}),
    locked as (select u.id from users u where u.id in (select id from v) order by u.id for no key update)
    update users u set reliability_agree = u.reliability_agree + v.agree,
      reliability_total = u.reliability_total + v.total
    from v join locked l on l.id = v.id
    where u.id = v.id`);
}
