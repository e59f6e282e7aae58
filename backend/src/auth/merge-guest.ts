/**
 * A guest who logs in to an existing account keeps their work: every contribution moves to the
 * account, except where the account already transcribed the same task (one person, one vote).
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { leases, transcriptions } from '../db/schema.js';
import { deleteSessionsOf } from './repository.js';

/** Moves a guest's transcriptions and leases to `accountId`; returns how many moved. */
export async function mergeGuestInto(tx: Tx, guestId: string, accountId: string): Promise<number> {
  const accountTasks = tx
    .select({ taskId: transcriptions.taskId })
    .from(transcriptions)
    .where(eq(transcriptions.userId, accountId));
  const moved = await tx
    .update(transcriptions)
    .set({ userId: accountId })
    .where(and(eq(transcriptions.userId, guestId), notInArray(transcriptions.taskId, accountTasks)))
    .returning({ id: transcriptions.id });
  await tx.delete(leases).where(eq(leases.userId, guestId));
  await tx.execute(
    sql`update users a set reliability_agree = a.reliability_agree + g.reliability_agree,
               reliability_total = a.reliability_total + g.reliability_total
        from users g where a.id = ${accountId} and g.id = ${guestId}`,
  );
  await deleteSessionsOf(tx, guestId);
  return moved.length;
}
