/** SQL for tasks (leases: lease-repository.ts). */
import { and, asc, eq, sql } from 'drizzle-orm';
import { columnsAs, rowOf, runStatement, statement, type DbOrTx } from '../db/client.js';
import { cachePerHandle, TtlCache } from '../db/memo.js';
import { consensusStateColumns, type ConsensusStateJson } from '../crowd/repository.js';
import { documents, pages, projects, tasks } from '../db/schema.js';

export type TaskRow = typeof tasks.$inferSelect;

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
export const pagesCacheOf = cachePerHandle<string, TaskPage[]>(60_000, 5_000);
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
 * Locks a task for a submission and reads, in the same round trip, its project, what the submission
 * rules need, the task's consensus state and the submitter's reliability. The sub-selects see the
 * statement's snapshot, taken before the lock: a concurrent duplicate is still caught by the unique
 * indexes, a late submission re-counts leases in a fresh statement, and the consensus state must
 * be read again (consensusStateOf) when the task changed between the snapshot and the lock
 * (`changedSinceSnapshot`: its locked version is not the snapshot's).
 */
export async function lockTaskForSubmission(db: DbOrTx, q: SubmissionKey) {
  // The statement for several, with one: one plan and one text to keep.
  return (await lockTasksForSubmissions(db, [q])).get(0);
}

/** Whose submission, on which task, under which client submission id. */
export interface SubmissionKey {
  taskId: string;
  userId: string;
  clientSubmissionId: string;
}

/** A submission's task as lockTaskForSubmission and lockTasksForSubmissions read it. */
export type LockedForSubmission = ReturnType<typeof lockedOf>;

/**
 * lockTaskForSubmission for several submissions on distinct tasks in one statement: the tasks are
 * locked in id order (as every writer that locks several tasks does). Returns each submission's
 * reading by its position in `items`; a task that does not exist is missing from the map.
 */
export async function lockTasksForSubmissions(
  db: DbOrTx,
  items: SubmissionKey[],
): Promise<Map<number, LockedForSubmission>> {
  const json = JSON.stringify(
    items.map((i, ord) => ({ tid: i.taskId, uid: i.userId, csid: i.clientSubmissionId, ord })),
  );
  const rows = await runStatement<LockedRaw & { ord: number }, { items: string }>(db, lockManyStatement, {
    items: json,
  });
  return new Map(rows.map((raw) => [raw.ord, lockedOf(raw)]));
}

function lockedOf(raw: LockedRaw) {
  const { replayId, transcribed, changedSinceSnapshot, reliability, inputs, results, reviews } = raw;
  const expires = raw.leaseExpiresAt;
  return {
    task: rowOf(tasks, raw, 't'),
    project: rowOf(projects, raw, 'p'),
    replayId,
    transcribed,
    leaseExpiresAt: expires === null ? null : new Date(expires),
    changedSinceSnapshot,
    reliability,
    inputs,
    results,
    reviews,
  };
}

type LockedRaw = Record<string, unknown> & {
  replayId: string | null;
  transcribed: boolean;
  leaseExpiresAt: string | Date | null;
  changedSinceSnapshot: boolean;
  reliability: { agree: number; total: number } | null;
} & ConsensusStateJson;

// Tasks are reached through "= any(array(…))" of the items' task ids: an index look-up per task
// whatever the planner guesses of the items' number (jsonb_to_recordset counts as 100 rows, which
// made a join with it scan every task), and one plan for any number of items.
const lockManyStatement = statement<{ items: string }>('lock_tasks_for_submissions', (p) => {
  const state = consensusStateColumns(sql`t.id`);
  return sql`with i as (
      select * from jsonb_to_recordset(${p.items}::jsonb) as i(tid uuid, uid uuid, csid text, ord int)
    )
    select ${columnsAs(tasks, 't')}, ${columnsAs(projects, 'p')}, i.ord::int as "ord",
      (select x.id from transcriptions x where x.client_submission_id = i.csid) as "replayId",
      exists (select 1 from transcriptions x where x.task_id = t.id and x.user_id = i.uid) as "transcribed",
      (select l.expires_at from leases l where l.task_id = t.id and l.user_id = i.uid) as "leaseExpiresAt",
      t.xmin::text <> (select s.xmin::text from tasks s where s.id = t.id) as "changedSinceSnapshot",
      (select json_build_object('agree', u.reliability_agree, 'total', u.reliability_total)
        from users u where u.id = i.uid) as "reliability",
      ${state.inputs} as "inputs", ${state.results} as "results", ${state.reviews} as "reviews"
    from tasks t join i on i.tid = t.id join projects p on p.id = t.project_id
    where t.id = any (array(select tid from i))
    order by t.id
    for update of t`;
});

/** One task, locked until the transaction ends (submissions on one task are serialised). */
export async function lockTask(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  const rows = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1).for('update');
  return rows[0];
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

/** A project by id. */
export async function projectById(db: DbOrTx, id: string) {
  const rows = await db.select().from(projects).where(eq(projects.id, id)).limit(1);
  return rows[0];
}
