/** SQL for leases: granting (one caller or several in one statement), ending and sweeping them. */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { rowOf, runStatement, statement, type Database, type DbOrTx } from '../db/client.js';
import { leases, tasks } from '../db/schema.js';
import { pagesCacheOf, type TaskPage, type TaskRow } from './repository.js';

export type LeaseRow = typeof leases.$inferSelect;

/** Tasks the user neither transcribed nor holds (or held) a lease on (gold tasks). */
const newToUser = (userId: string) =>
  sql`not exists (select 1 from transcriptions x where x.task_id = ${tasks.id} and x.user_id = ${userId})
    and not exists (select 1 from leases l where l.task_id = ${tasks.id} and l.user_id = ${userId})`;

interface LeaseValues extends Record<string, unknown> {
  projectId: string;
  userId: string;
  now: Date;
  expiresAt: Date;
  attempts: number;
}

/** The pages of leased task `t` as JSON (TaskPage[]), sent in the lease's round trip. */
const leasedTaskPages = sql`(select coalesce(json_agg(json_build_object('number', p.number, 'width', p.width,
    'height', p.height, 'text', p.text, 'textSource', p.text_source) order by p.number), '[]'::json)
  from pages p where p.document_id = t.document_id and (t.page_number is null or p.number = t.page_number))`;

const leaseStatement = statement<LeaseValues>(
  'lease_next',
  (p) => sql`select t.*, ${leasedTaskPages} as pages
    from cotejo_lease_next(${p.projectId}::uuid, ${p.userId}::uuid, ${p.now}::timestamptz,
      ${p.expiresAt}::timestamptz, ${p.attempts}::int) t`,
);

/**
 * Leases the best open task to a caller in one statement (function cotejo_lease_next, migration
 * 0008): never one they transcribed or hold a lease on, only while live leases stay below what it
 * needs; fewest transcriptions still needed first (finish documents), then priority, then age;
 * tasks locked by a concurrent lease are skipped. The task's pages come in the same round
 * trip and go to the page cache (`handle`: the app's database), where presenting the task and the
 * submission's consensus read them.
 */
export async function leaseRegularTask(
  handle: object,
  db: DbOrTx,
  q: { projectId: string; userId: string; now: Date; expiresAt: Date; attempts: number },
): Promise<TaskRow | undefined> {
  const [raw] = await runStatement<Record<string, unknown> & { pages: TaskPage[] }, LeaseValues>(
    db,
    leaseStatement,
    q,
  );
  if (!raw) return undefined;
  const task = rowOf(tasks, raw);
  pagesCacheOf(handle).set(`${task.documentId}:${task.pageNumber ?? '*'}`, raw.pages);
  return task;
}

/** One caller of leaseRegularTasks: what leaseRegularTask takes but the attempts. */
export interface LeaseRequest {
  projectId: string;
  userId: string;
  now: Date;
  expiresAt: Date;
}

// The callers in one statement: cotejo_lease_next runs once per caller, in their order (a lateral
// call of a volatile function, each of its statements with a fresh snapshot in which the earlier
// callers' leases, same transaction, are visible). Tasks locked by an earlier caller of the same
// statement are not skipped (the lock is this transaction's): two callers can share a task that
// needs two, as two statements would.
const leaseManyStatement = statement<{ items: string; attempts: number }>(
  'lease_next_many',
  (p) => sql`select u.ord::int as "ord", t.*, ${leasedTaskPages} as pages
    from jsonb_to_recordset(${p.items}::jsonb) as u(ord int, pid uuid, uid uuid, now timestamptz, expires timestamptz)
    cross join lateral cotejo_lease_next(u.pid, u.uid, u.now, u.expires, ${p.attempts}::int) t`,
);

/**
 * leaseRegularTask for several callers in one statement and one transaction (leases arriving
 * together, LeaseBatcher): each caller's task by their position in `requests`; a caller with no
 * task is missing from the map.
 */
export async function leaseRegularTasks(
  handle: object,
  db: DbOrTx,
  requests: LeaseRequest[],
  attempts: number,
): Promise<Map<number, TaskRow>> {
  const items = JSON.stringify(
    requests.map((r, ord) => ({
      ord,
      pid: r.projectId,
      uid: r.userId,
      now: r.now.toISOString(),
      expires: r.expiresAt.toISOString(),
    })),
  );
  const rows = await runStatement<
    Record<string, unknown> & { ord: number; pages: TaskPage[] },
    { items: string; attempts: number }
  >(db, leaseManyStatement, { items, attempts });
  const leased = new Map<number, TaskRow>();
  for (const raw of rows) {
    const task = rowOf(tasks, raw);
    pagesCacheOf(handle).set(`${task.documentId}:${task.pageNumber ?? '*'}`, raw.pages);
    leased.set(raw.ord, task);
  }
  return leased;
}

/** A gold task the caller has not done yet (gold tasks have no redundancy limit). */
export async function pickGoldTask(
  db: DbOrTx,
  projectId: string,
  userId: string,
): Promise<TaskRow | undefined> {
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.projectId, projectId),
        eq(tasks.isGold, true),
        eq(tasks.status, 'open'),
        newToUser(userId),
      ),
    )
    .orderBy(sql`random()`)
    .limit(1);
  return rows[0];
}

interface GrantValues extends Record<string, unknown> {
  taskId: string;
  userId: string;
  projectId: string;
  now: Date;
  expiresAt: Date;
  needed: number | null;
}

const grantStatement = statement<GrantValues>(
  'grant_lease',
  (p) => sql`select cotejo_grant_lease(${p.taskId}::uuid, ${p.userId}::uuid, ${p.projectId}::uuid,
      ${p.now}::timestamptz, ${p.expiresAt}::timestamptz, ${p.needed}::int) as granted`,
);

/**
 * Grants the caller a lease on a task they hold locked (or a gold task, `needed` null), ending
 * their older live leases in the project but the newest (function cotejo_grant_lease, migration
 * 0008). With `needed`, only while live leases stay below it. Returns whether it was granted.
 */
export async function grantLease(
  db: DbOrTx,
  q: { taskId: string; userId: string; projectId: string; now: Date; expiresAt: Date; needed: number | null },
): Promise<boolean> {
  const [row] = await runStatement<{ granted: boolean }, GrantValues>(db, grantStatement, q);
  return row?.granted === true;
}

/** Live leases on a task, other than `exceptUserId`'s (a fresh statement: sees committed work). */
export async function countLiveLeases(db: DbOrTx, taskId: string, now: Date, exceptUserId?: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(leases)
    .where(
      and(
        eq(leases.taskId, taskId),
        gt(leases.expiresAt, now),
        exceptUserId ? sql`${leases.userId} <> ${exceptUserId}` : sql`true`,
      ),
    );
  return rows[0]?.n ?? 0;
}

/** Ends one lease now (skip); returns whether there was a live one. */
export async function expireLease(db: DbOrTx, taskId: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(leases)
    .set({ expiresAt: now })
    .where(and(eq(leases.taskId, taskId), eq(leases.userId, userId), gt(leases.expiresAt, now)))
    .returning({ id: leases.id });
  return rows.length > 0;
}

/** Deletes the lease a submission used. */
export async function deleteLease(db: DbOrTx, taskId: string, userId: string): Promise<void> {
  await db.delete(leases).where(and(eq(leases.taskId, taskId), eq(leases.userId, userId)));
}

/** Deletes leases that expired before `before` (the periodic sweep). */
export async function deleteExpiredLeases(db: Database['db'], before: Date): Promise<number> {
  const rows = await db.delete(leases).where(lte(leases.expiresAt, before)).returning({ id: leases.id });
  return rows.length;
}
