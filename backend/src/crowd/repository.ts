/** SQL for field results, records and the review trail consensus reads. */
import { and, eq, sql } from 'drizzle-orm';
import { queryPrepared, type DbOrTx } from '../db/client.js';
import { fieldResults, records, tasks } from '../db/schema.js';
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

/** A crowd transcription as consensus reads it, with its contributor's reliability now. */
export interface ConsensusRow {
  userId: string;
  entries: unknown;
  sources: unknown;
  agree: number;
  total: number;
}

/**
 * Everything consensus reads about a task in one round trip: its crowd transcriptions (oldest
 * first), its stored field results and the editor decisions it honours.
 */
export async function consensusStateOf(db: DbOrTx, taskId: string) {
  const [row] = await queryPrepared<{
    inputs: ConsensusRow[];
    results: FieldResultJson[];
    reviews: Decision[];
  }>(
    db,
    'consensus_state',
    sql`select
      (select coalesce(json_agg(json_build_object('userId', x.user_id, 'entries', x.normalized_values,
          'sources', x.sources, 'agree', u.reliability_agree, 'total', u.reliability_total)
          order by x.created_at, x.id), '[]'::json)
        from transcriptions x join users u on u.id = x.user_id
        where x.task_id = ${taskId} and x.is_gold = false) as inputs,
      (select coalesce(json_agg(json_build_object('id', f.id, 'taskId', f.task_id, 'fieldPath', f.field_path,
          'status', f.status, 'value', f.value, 'support', f.support, 'contributors', f.contributors,
          'confidence', f.confidence, 'candidates', f.candidates, 'updatedAt', f.updated_at)), '[]'::json)
        from field_results f where f.task_id = ${taskId}) as results,
      (select coalesce(json_agg(json_build_object('action', r.action, 'fieldPath', r.field_path)), '[]'::json)
        from reviews r where r.task_id = ${taskId} and r.action in ('reopen', 'check_accept')) as reviews`,
  );
  const results = new Map<string, FieldResultRow>(
    (row?.results ?? []).map((r) => [r.fieldPath, { ...r, updatedAt: new Date(r.updatedAt) }]),
  );
  return { inputs: row?.inputs ?? [], results, decisions: decisionsFrom(row?.reviews ?? []) };
}

type FieldResultJson = Omit<FieldResultRow, 'updatedAt'> & { updatedAt: string };
interface Decision {
  action: string;
  fieldPath: string | null;
}

function decisionsFrom(rows: Decision[]) {
  const reopened: Record<string, number> = {};
  for (const r of rows)
    if (r.action === 'reopen' && r.fieldPath) reopened[r.fieldPath] = (reopened[r.fieldPath] ?? 0) + 1;
  return { reopened, checksAccepted: rows.some((r) => r.action === 'check_accept') };
}

/** Inserts or replaces field results of a task. */
export async function upsertFieldResults(
  db: DbOrTx,
  taskId: string,
  rows: FieldResultWrite[],
): Promise<void> {
  if (!rows.length) return;
  const query = db
    .insert(fieldResults)
    .values(rows.map((r) => ({ ...r, taskId, value: r.value ?? null, confidence: r.confidence ?? null })))
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
  // One prepared statement per row count (the usual tasks have a handful of fields).
  await (rows.length <= 32 ? query.prepare(`upsert_field_results_${rows.length}`).execute() : query);
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

/**
 * The task's record (one per task): inserted now, or the existing one's id (then `created` is false
 * and the caller updates it). One round trip either way.
 */
export async function insertRecordOnce(
  db: DbOrTx,
  r: {
    projectId: string;
    taskId: string;
    documentId: string;
    pageNumber: number | null;
    values: Record<string, unknown>;
    agreement: number;
    contributorCount: number;
    reviewed: boolean;
  },
): Promise<{ id: string; created: boolean }> {
  const [row] = await queryPrepared<{ id: string; created: boolean }>(
    db,
    'insert_record_once',
    sql`with existing as (
      select id from records where task_id = ${r.taskId} and row_index is null limit 1
    ), inserted as (
      insert into records (project_id, task_id, document_id, page_number, values, agreement,
        contributor_count, reviewed)
      select ${r.projectId}::uuid, ${r.taskId}::uuid, ${r.documentId}::uuid, ${r.pageNumber}::int,
        ${JSON.stringify(r.values)}::jsonb, ${r.agreement}::real, ${r.contributorCount}::int, ${r.reviewed}::boolean
      where not exists (select 1 from existing)
      returning id
    )
    select id, true as created from inserted union all select id, false as created from existing`,
  );
  return row!;
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
