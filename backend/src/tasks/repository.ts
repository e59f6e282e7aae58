/** SQL for tasks and leases. */
import { and, asc, desc, eq, gt, lte, notInArray, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.js';
import { documents, leases, pages, projects, tasks, transcriptions } from '../db/schema.js';

export type TaskRow = typeof tasks.$inferSelect;
export type LeaseRow = typeof leases.$inferSelect;

/** Inserts tasks. */
export async function insertTasks(db: DbOrTx, rows: (typeof tasks.$inferInsert)[]): Promise<TaskRow[]> {
  return rows.length ? db.insert(tasks).values(rows).returning() : [];
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

/** One task. */
export async function findTask(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  const rows = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
  return rows[0];
}

/** One task, locked until the transaction ends (submissions on one task are serialised). */
export async function lockTask(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  const rows = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1).for('update');
  return rows[0];
}

const ids = (rows: unknown): string[] => (rows as { rows: { id: string }[] }).rows.map((r) => r.id);

/**
 * The best open task for a caller, locked; tasks locked by a concurrent lease are skipped. Order:
 * fewest transcriptions still needed (finish documents), then priority, then age.
 */
export async function pickCandidate(
  db: DbOrTx,
  q: { projectId: string; userId: string; now: Date; exclude: string[]; skipLocked: boolean },
): Promise<string | undefined> {
  const exclude = q.exclude.length
    ? sql`and t.id not in (${sql.join(
        q.exclude.map((x) => sql`${x}`),
        sql`, `,
      )})`
    : sql``;
  const result = await db.execute(sql`
    select t.id from tasks t
    where t.project_id = ${q.projectId} and t.status = 'open' and t.is_gold = false ${exclude}
      and not exists (select 1 from transcriptions x where x.task_id = t.id and x.user_id = ${q.userId})
      and not exists (select 1 from leases l where l.task_id = t.id and l.user_id = ${q.userId})
      and t.needed > (select count(*) from leases l where l.task_id = t.id and l.expires_at > ${q.now})
    order by t.needed asc, t.priority desc nulls last, t.created_at asc, t.id asc
    limit 1 for update of t ${q.skipLocked ? sql`skip locked` : sql``}`);
  return ids(result)[0];
}

/** A gold task the caller has not done yet (gold tasks have no redundancy limit). */
export async function pickGoldTask(
  db: DbOrTx,
  projectId: string,
  userId: string,
): Promise<string | undefined> {
  const result = await db.execute(sql`
    select t.id from tasks t
    where t.project_id = ${projectId} and t.is_gold = true and t.status = 'open'
      and not exists (select 1 from transcriptions x where x.task_id = t.id and x.user_id = ${userId})
      and not exists (select 1 from leases l where l.task_id = t.id and l.user_id = ${userId})
    order by random() limit 1`);
  return ids(result)[0];
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

/** Grants (or renews) the caller's lease on a task. */
export async function upsertLease(
  db: DbOrTx,
  taskId: string,
  userId: string,
  expiresAt: Date,
): Promise<LeaseRow> {
  const [row] = await db
    .insert(leases)
    .values({ taskId, userId, expiresAt })
    .onConflictDoUpdate({ target: [leases.taskId, leases.userId], set: { expiresAt, createdAt: new Date() } })
    .returning();
  return row!;
}

/** The caller's lease on a task. */
export async function findLease(db: DbOrTx, taskId: string, userId: string): Promise<LeaseRow | undefined> {
  const rows = await db
    .select()
    .from(leases)
    .where(and(eq(leases.taskId, taskId), eq(leases.userId, userId)))
    .limit(1);
  return rows[0];
}

/** Ends the caller's live leases in a project (they moved on); the rows stay until the sweep. */
export async function expireLeasesOf(
  db: DbOrTx,
  projectId: string,
  userId: string,
  now: Date,
  keepNewest = 0,
): Promise<string[]> {
  const live = sql`${leases.userId} = ${userId} and ${leases.expiresAt} > ${now}
    and exists (select 1 from tasks t where t.id = ${leases.taskId} and t.project_id = ${projectId})`;
  const kept = db
    .select({ id: leases.id })
    .from(leases)
    .where(live)
    .orderBy(desc(leases.createdAt))
    .limit(keepNewest);
  const rows = await db
    .update(leases)
    .set({ expiresAt: now })
    .where(and(live, keepNewest > 0 ? notInArray(leases.id, kept) : sql`true`))
    .returning({ taskId: leases.taskId });
  return rows.map((r) => r.taskId);
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

/** Whether the user already transcribed a task. */
export async function hasTranscribed(db: DbOrTx, taskId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: transcriptions.id })
    .from(transcriptions)
    .where(and(eq(transcriptions.taskId, taskId), eq(transcriptions.userId, userId)))
    .limit(1);
  return rows.length > 0;
}

/** A project by id. */
export async function projectById(db: DbOrTx, id: string) {
  const rows = await db.select().from(projects).where(eq(projects.id, id)).limit(1);
  return rows[0];
}
