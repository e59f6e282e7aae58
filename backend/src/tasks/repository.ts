/** SQL for tasks and leases. */
import { and, asc, eq, gt, lte, notInArray, sql } from 'drizzle-orm';
import { queryPrepared, type Database, type DbOrTx } from '../db/client.js';
import { cachePerHandle, TtlCache } from '../db/memo.js';
import { documents, leases, pages, projects, tasks } from '../db/schema.js';

export type TaskRow = typeof tasks.$inferSelect;
export type LeaseRow = typeof leases.$inferSelect;

/** Inserts tasks. */
export async function insertTasks(db: DbOrTx, rows: (typeof tasks.$inferInsert)[]): Promise<TaskRow[]> {
  for (const row of rows) if (row.isGold) goldCache.delete(row.projectId);
  return rows.length ? db.insert(tasks).values(rows).returning() : [];
}

/**
 * Whether a project has open gold tasks, kept GOLD_CACHE_MS (most projects have none, and a
 * newcomer's lease would otherwise look for one first). A new gold task drops the entry in this
 * process; other processes start serving it within that time.
 */
export const GOLD_CACHE_MS = 10_000;
const goldCache = new TtlCache<string, { handle: object; any: boolean }>(GOLD_CACHE_MS, 1_000);

export async function hasOpenGoldTasks(handle: object, db: DbOrTx, projectId: string): Promise<boolean> {
  const hit = goldCache.get(projectId);
  if (hit?.handle === handle) return hit.any;
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), eq(tasks.isGold, true), eq(tasks.status, 'open')))
    .limit(1);
  goldCache.set(projectId, { handle, any: rows.length > 0 });
  return rows.length > 0;
}

/** Tasks of a document (creation is idempotent). */
export async function tasksOfDocument(db: DbOrTx, documentId: string): Promise<TaskRow[]> {
  return db.select().from(tasks).where(eq(tasks.documentId, documentId));
}

/** A document with its project's granularity. */
export async function documentForTasks(db: DbOrTx, documentId: string) {
  const rows = await db
    .select({
      id: documents.id,
      projectId: documents.projectId,
      pageCount: documents.pageCount,
      granularity: projects.taskGranularity,
      agreeK: projects.agreeK,
    })
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(eq(documents.id, documentId))
    .limit(1);
  return rows[0];
}

/** Page numbers of a document. */
export async function pageNumbersOf(db: DbOrTx, documentId: string): Promise<number[]> {
  const rows = await db
    .select({ n: pages.number })
    .from(pages)
    .where(eq(pages.documentId, documentId))
    .orderBy(asc(pages.number));
  return rows.map((r) => r.n);
}

/** Page sizes and text of a task's pages. */
export async function pagesOf(db: DbOrTx, documentId: string, pageNumber: number | null) {
  return db
    .select({
      number: pages.number,
      width: pages.width,
      height: pages.height,
      text: pages.text,
      textSource: pages.textSource,
    })
    .from(pages)
    .where(
      and(eq(pages.documentId, documentId), pageNumber === null ? sql`true` : eq(pages.number, pageNumber)),
    )
    .orderBy(asc(pages.number));
}

export type TaskPage = Awaited<ReturnType<typeof pagesOf>>[number];

/**
 * A task's pages for the hot paths (presenting a lease, page evidence in consensus). Tasks exist
 * only once their document is processed, and the pipeline does not rewrite a processed page, so a
 * minute-long cache is safe; `handle` is the app's database (the cache key).
 */
const pagesCacheOf = cachePerHandle<string, TaskPage[]>(60_000, 5_000);
export async function taskPages(
  handle: object,
  db: DbOrTx,
  documentId: string,
  pageNumber: number | null,
): Promise<TaskPage[]> {
  const key = `${documentId}:${pageNumber ?? '*'}`;
  return (await pagesCacheOf(handle).through(key, () => pagesOf(db, documentId, pageNumber))) ?? [];
}

/** One task. */
export async function findTask(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  const rows = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
  return rows[0];
}

/**
 * Locks a task for a submission and reads, in the same round trip, its project and what the
 * submission rules need. The sub-selects see the statement's snapshot: a concurrent duplicate is
 * still caught by the unique indexes, and a late submission re-counts leases in a fresh statement.
 */
export async function lockTaskForSubmission(
  db: DbOrTx,
  q: { taskId: string; userId: string; clientSubmissionId: string; now: Date },
) {
  const rows = await db
    .select({
      task: tasks,
      project: projects,
      replayId: sql<
        string | null
      >`(select x.id from transcriptions x where x.client_submission_id = ${q.clientSubmissionId})`,
      transcribed: sql<boolean>`exists (select 1 from transcriptions x
        where x.task_id = ${tasks.id} and x.user_id = ${q.userId})`,
      leaseExpiresAt: sql<Date | null>`(select l.expires_at from leases l
        where l.task_id = ${tasks.id} and l.user_id = ${q.userId})`.mapWith(leases.expiresAt),
    })
    .from(tasks)
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .where(eq(tasks.id, q.taskId))
    .limit(1)
    .for('update', { of: tasks })
    .prepare('lock_task_for_submission')
    .execute();
  return rows[0];
}

/** One task, locked until the transaction ends (submissions on one task are serialised). */
export async function lockTask(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  const rows = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1).for('update');
  return rows[0];
}

/** Tasks the user neither transcribed nor holds (or held) a lease on. */
const newToUser = (userId: string) =>
  sql`not exists (select 1 from transcriptions x where x.task_id = ${tasks.id} and x.user_id = ${userId})
    and not exists (select 1 from leases l where l.task_id = ${tasks.id} and l.user_id = ${userId})`;

/**
 * The best open task for a caller, locked; tasks locked by a concurrent lease are skipped. Order:
 * fewest transcriptions still needed (finish documents), then priority, then age.
 */
export async function pickCandidate(
  db: DbOrTx,
  q: { projectId: string; userId: string; now: Date; exclude: string[]; skipLocked: boolean },
): Promise<TaskRow | undefined> {
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.projectId, q.projectId),
        // Literals, not parameters: a generic plan of the prepared statement still matches the
        // partial index tasks_schedule_idx (status = 'open' and is_gold = false).
        sql`${tasks.status} = 'open' and ${tasks.isGold} = false`,
        q.exclude.length ? notInArray(tasks.id, q.exclude) : undefined,
        newToUser(q.userId),
        sql`${tasks.needed} > (select count(*) from leases l where l.task_id = ${tasks.id} and l.expires_at > ${q.now})`,
      ),
    )
    .orderBy(asc(tasks.needed), sql`${tasks.priority} desc nulls last`, asc(tasks.createdAt), asc(tasks.id))
    .limit(1)
    .for('update', q.skipLocked ? { skipLocked: true } : {})
    .prepare(`pick_candidate_${q.exclude.length}_${q.skipLocked}`)
    .execute();
  return rows[0];
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

/**
 * Grants the caller a lease on a task they hold locked, in one statement that also ends their
 * older live leases in the project but the newest (the task in hand). With `needed`, the lease is
 * granted only while live leases stay below it — counted by this fresh statement, which sees every
 * lease committed before the task's row lock was taken. Returns whether it was granted.
 */
export async function grantLease(
  db: DbOrTx,
  q: { taskId: string; userId: string; projectId: string; now: Date; expiresAt: Date; needed: number | null },
): Promise<boolean> {
  const room =
    q.needed === null
      ? sql``
      : sql`where (select count(*) from leases c where c.task_id = ${q.taskId} and c.expires_at > ${q.now}) < ${q.needed}`;
  const rows = await queryPrepared<{ id: string }>(
    db,
    q.needed === null ? 'grant_lease_any' : 'grant_lease',
    sql`with mine as (
      select l.id, l.created_at from leases l join tasks t on t.id = l.task_id and t.project_id = ${q.projectId}
      where l.user_id = ${q.userId} and l.expires_at > ${q.now} and l.task_id <> ${q.taskId}
    ), ended as (
      update leases set expires_at = ${q.now}
      where id in (select id from mine order by created_at desc offset 1)
    )
    insert into leases (task_id, user_id, expires_at)
    select ${q.taskId}::uuid, ${q.userId}::uuid, ${q.expiresAt}::timestamptz ${room}
    on conflict (task_id, user_id) do update set expires_at = excluded.expires_at, created_at = now()
    returning id`,
  );
  return rows.length > 0;
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

/** Saves the scheduler's view of a task after a submission or a decision. */
export async function updateTaskState(
  db: DbOrTx,
  id: string,
  state: Partial<Pick<TaskRow, 'status' | 'wantedFields' | 'needed' | 'doneCount' | 'reviewReasons'>>,
): Promise<void> {
  await db
    .update(tasks)
    .set({ ...state, updatedAt: new Date() })
    .where(eq(tasks.id, id));
}

/**
 * Saves a task's state after a reconcile. After a submission (`submittedBy`) the same statement
 * also counts it in done_count and ends the submitter's lease.
 */
export async function finishTaskUpdate(
  db: DbOrTx,
  id: string,
  state: Pick<TaskRow, 'status' | 'wantedFields' | 'needed' | 'reviewReasons'> & { submittedBy?: string },
): Promise<void> {
  const { submittedBy, ...columns } = state;
  if (!submittedBy) return updateTaskState(db, id, columns);
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  await queryPrepared(
    db,
    'finish_task_update',
    sql`
    with ended as (delete from leases where task_id = ${id} and user_id = ${submittedBy})
    update tasks set status = ${columns.status}, wanted_fields = ${json(columns.wantedFields)}::jsonb,
      needed = ${columns.needed}, review_reasons = ${json(columns.reviewReasons)}::jsonb,
      done_count = done_count + 1, updated_at = now()
    where id = ${id}`,
  );
}

/** A project by id. */
export async function projectById(db: DbOrTx, id: string) {
  const rows = await db.select().from(projects).where(eq(projects.id, id)).limit(1);
  return rows[0];
}
