/** What a simulation measured, read back from the database the engine wrote. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { fieldResults, tasks, transcriptions } from '../db/schema.js';
import type { StoredValue } from '../crowd/repository.js';
import type { SimWorld } from './world.js';

export interface EngineMetrics {
  fieldAccuracy: number;
  entriesPerVerifiedField: number;
  reviewShare: number;
  overAssigned: number;
  verifiedFields: number;
  wrongFields: number;
  entries: number;
  records: number;
  recordsVerified: number;
  recordsInReview: number;
  recordsOpen: number;
  submissions: number;
  /** How many votes the settled fields took: {"2": 950, "3": 40, …}. */
  votesPerField: Record<string, number>;
  /** Why records went to review: reason code and path (or check message). */
  reviewReasons: string[];
}

async function reasonsOf(db: Db, taskIds: string[]): Promise<string[]> {
  const rows = await db
    .select({ reasons: tasks.reviewReasons })
    .from(tasks)
    .where(and(inArray(tasks.id, taskIds), eq(tasks.status, 'review')));
  return rows.flatMap((r) =>
    ((r.reasons ?? []) as { code: string; path?: string; message: string }[]).map(
      (x) => `${x.code} ${x.path ?? x.message}`,
    ),
  );
}

/** Field accuracy against ground truth, entries spent, review share. */
export async function measure(db: Db, world: SimWorld, overAssigned: number): Promise<EngineMetrics> {
  const docIds = [...world.docs.keys()];
  const taskRows = await db
    .select({ id: tasks.id, documentId: tasks.documentId, status: tasks.status })
    .from(tasks)
    .where(and(inArray(tasks.documentId, docIds), eq(tasks.isGold, false)));
  const docOf = new Map(taskRows.map((t) => [t.id, t.documentId]));
  const settled = await db
    .select({
      taskId: fieldResults.taskId,
      path: fieldResults.fieldPath,
      value: fieldResults.value,
      candidates: fieldResults.candidates,
    })
    .from(fieldResults)
    .where(
      and(
        inArray(fieldResults.taskId, [...docOf.keys()]),
        inArray(fieldResults.status, ['verified', 'reviewed']),
      ),
    );
  let wrong = 0;
  const votesPerField: Record<string, number> = {};
  for (const r of settled) {
    const n = (r.candidates as { votes: unknown[] }[]).reduce((a, c) => a + c.votes.length, 0);
    votesPerField[n] = (votesPerField[n] ?? 0) + 1;
    const expected = world.docs.get(docOf.get(r.taskId) ?? '')?.expected[r.path];
    const v = r.value as StoredValue | null;
    if (!v || v.m !== null || v.c !== expected) {
      wrong++;
      if (process.env.COTEJO_SIM_DEBUG)
        console.error(
          'wrong',
          r.path,
          JSON.stringify(expected),
          JSON.stringify(v),
          JSON.stringify(r.candidates),
        );
    }
  }
  const [spent] = await db
    .select({
      entries: sql<number>`coalesce(sum((select count(*) from jsonb_object_keys(${transcriptions.normalizedValues}))), 0)::int`,
      submissions: sql<number>`count(*)::int`,
    })
    .from(transcriptions)
    .where(and(inArray(transcriptions.taskId, [...docOf.keys()]), eq(transcriptions.isGold, false)));
  const count = (s: string) => taskRows.filter((t) => t.status === s).length;
  const reviewReasons = await reasonsOf(db, [...docOf.keys()]);
  const verifiedFields = settled.length;
  return {
    fieldAccuracy: verifiedFields ? (verifiedFields - wrong) / verifiedFields : 0,
    entriesPerVerifiedField: verifiedFields ? (spent?.entries ?? 0) / verifiedFields : 0,
    reviewShare: taskRows.length ? count('review') / taskRows.length : 0,
    overAssigned,
    verifiedFields,
    wrongFields: wrong,
    entries: spent?.entries ?? 0,
    records: taskRows.length,
    recordsVerified: count('complete'),
    recordsInReview: count('review'),
    recordsOpen: count('open'),
    submissions: spent?.submissions ?? 0,
    votesPerField,
    reviewReasons,
  };
}

/** Tasks whose live leases exceed what they still need (must stay 0). */
export async function overLeasedNow(db: Db, projectIds: string[], now: Date): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::int as n
    from (select task_id, count(*) as live from leases where expires_at > ${now} group by task_id) l
    join tasks t on t.id = l.task_id
    where t.project_id in (${sql.join(
      projectIds.map((p) => sql`${p}`),
      sql`, `,
    )}) and t.is_gold = false and l.live > greatest(t.needed, 0)`);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the driver's result type differs by database
  const n = (result as unknown as { rows: { n: number }[] }).rows[0]?.n;
  return n ?? 0;
}
