/** SQL for field results, records and the review trail consensus reads. */
import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { runStatement, statement, type DbOrTx } from '../db/client.js';
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

/** The consensus state of a task as JSON columns (see ConsensusStateJson), for any query. */
export function consensusStateColumns(taskId: SQLWrapper | string) {
  return {
    inputs: sql<ConsensusRow[]>`(select coalesce(json_agg(json_build_object('userId', x.user_id,
        'entries', x.normalized_values, 'sources', x.sources, 'agree', u.reliability_agree,
        'total', u.reliability_total) order by x.created_at, x.id), '[]'::json)
      from transcriptions x join users u on u.id = x.user_id
      where x.task_id = ${taskId} and x.is_gold = false)`,
    results: sql<FieldResultJson[]>`(select coalesce(json_agg(json_build_object('id', f.id,
        'taskId', f.task_id, 'fieldPath', f.field_path, 'status', f.status, 'value', f.value,
        'support', f.support, 'contributors', f.contributors, 'confidence', f.confidence,
        'candidates', f.candidates, 'updatedAt', f.updated_at)), '[]'::json)
      from field_results f where f.task_id = ${taskId})`,
    reviews: sql<Decision[]>`(select coalesce(json_agg(json_build_object('action', r.action,
        'fieldPath', r.field_path)), '[]'::json)
      from reviews r where r.task_id = ${taskId} and r.action in ('reopen', 'check_accept'))`,
  };
}

export interface ConsensusStateJson {
  inputs: ConsensusRow[];
  results: FieldResultJson[];
  reviews: Decision[];
}

/**
 * What consensus reads about a task: its crowd transcriptions (oldest first) with their
 * contributors' reliability, its stored field results and the editor decisions it honours.
 */
export type ConsensusState = ReturnType<typeof consensusStateFrom>;

export function consensusStateFrom(row: ConsensusStateJson | undefined) {
  const results = new Map<string, FieldResultRow>(
    (row?.results ?? []).map((r) => [r.fieldPath, { ...r, updatedAt: new Date(r.updatedAt) }]),
  );
  return { inputs: row?.inputs ?? [], results, decisions: decisionsFrom(row?.reviews ?? []) };
}

const consensusState = statement<{ taskId: string }>('consensus_state', (p) => {
  const c = consensusStateColumns(p.taskId);
  return sql`select ${c.inputs} as inputs, ${c.results} as results, ${c.reviews} as reviews`;
});

/** A task's consensus state in one round trip. */
export async function consensusStateOf(db: DbOrTx, taskId: string): Promise<ConsensusState> {
  const [row] = await runStatement<ConsensusStateJson, { taskId: string }>(db, consensusState, { taskId });
  return consensusStateFrom(row);
}

export type FieldResultJson = Omit<FieldResultRow, 'updatedAt'> & { updatedAt: string };
export interface Decision {
  action: string;
  fieldPath: string | null;
}

function decisionsFrom(rows: Decision[]) {
  const reopened: Record<string, number> = {};
  for (const r of rows)
    if (r.action === 'reopen' && r.fieldPath) reopened[r.fieldPath] = (reopened[r.fieldPath] ?? 0) + 1;
  return { reopened, checksAccepted: rows.some((r) => r.action === 'check_accept') };
}

/** A transcription stored together with a reconcile's writes (the submission path). */
export interface NewTranscription {
  userId: string;
  schemaId: string;
  clientSubmissionId: string;
  rawValues: Record<string, unknown>;
  normalizedValues: Record<string, unknown>;
  markers?: Record<string, string>;
  sources?: Record<string, string>;
  secondsSpent: number | null;
}

// Every table is reached through "= any(array(…))" of the items' keys: an index look-up per key
// whatever the planner guesses of the items' number (jsonb_to_recordset counts as 100 rows, which
// made joins with it scan every task and record), and one plan for any number of items.
const saveReconcilesStatement = statement<{ items: string }>(
  'save_reconciles',
  (p) => sql`with item as (
      select * from jsonb_to_recordset(${p.items}::jsonb) as i(ord int, task_id uuid, user_id uuid,
        schema_id uuid, csid text, raw_values jsonb, normalized_values jsonb, markers jsonb, sources jsonb,
        seconds_spent int, writes jsonb, status text, wanted_fields jsonb, needed int, review_reasons jsonb,
        outcomes jsonb, record jsonb)
    ), tr as (
      insert into transcriptions (task_id, user_id, schema_id, client_submission_id, raw_values,
        normalized_values, markers, sources, seconds_spent, is_gold)
      select i.task_id, i.user_id, i.schema_id, i.csid, i.raw_values, i.normalized_values, i.markers,
        i.sources, i.seconds_spent, false
      from item i where i.csid is not null order by i.ord
      returning id, task_id, created_at
    ), results as (
      insert into field_results (task_id, field_path, status, value, support, contributors, confidence,
        candidates, updated_at)
      select i.task_id, w."fieldPath", w.status, w.value, w.support, w.contributors, w.confidence,
        w.candidates, now()
      from item i cross join lateral jsonb_to_recordset(i.writes) as w("fieldPath" text, status text,
        value jsonb, support real, contributors int, confidence real, candidates jsonb)
      order by i.task_id, w."fieldPath"
      on conflict (task_id, field_path) do update set status = excluded.status, value = excluded.value,
        support = excluded.support, contributors = excluded.contributors, confidence = excluded.confidence,
        candidates = excluded.candidates, updated_at = excluded.updated_at
    ), ended as (
      delete from leases l
      where l.task_id = any (array(select task_id from item where csid is not null))
        and exists (select 1 from item i where i.task_id = l.task_id and i.user_id = l.user_id)
    ), task as (
      update tasks t set (status, wanted_fields, needed, review_reasons, done_count, updated_at) = (
        select i.status, i.wanted_fields, i.needed, i.review_reasons,
          t.done_count + (case when i.csid is null then 0 else 1 end), now()
        from item i where i.task_id = t.id)
      where t.id = any (array(select task_id from item))
    ), outcome as (
      select o.id, sum(o.agree) as agree, sum(o.total) as total
      from item i cross join lateral jsonb_to_recordset(i.outcomes) as o(id uuid, agree real, total real)
      group by o.id
    ), contributor as (
      select u.id from users u where u.id = any (array(select id from outcome)) order by u.id
      for no key update
    ), reliability as (
      update users u set (reliability_agree, reliability_total) = (
        select u.reliability_agree + o.agree, u.reliability_total + o.total from outcome o where o.id = u.id)
      where u.id = any (array(select id from contributor))
    ), existing as (
      select distinct on (r.task_id) r.task_id, r.id from records r
      where r.task_id = any (array(select task_id from item where record is not null)) and r.row_index is null
      order by r.task_id, r.id
    ), inserted as (
      insert into records (project_id, task_id, document_id, page_number, values, agreement,
        contributor_count, reviewed, rollup_pending)
      select (i.record->>'projectId')::uuid, i.task_id, (i.record->>'documentId')::uuid,
        (i.record->>'pageNumber')::int, i.record->'values', (i.record->>'agreement')::real,
        (i.record->>'contributorCount')::int, (i.record->>'reviewed')::boolean, true
      from item i
      where i.record is not null and not exists (select 1 from existing e where e.task_id = i.task_id)
      order by i.ord
      returning id, task_id
    )
    select i.ord, tr.id, tr.created_at, coalesce(ins.id, ex.id) as record_id, ins.id is not null as record_created
    from item i left join tr on tr.task_id = i.task_id left join inserted ins on ins.task_id = i.task_id
      left join existing ex on ex.task_id = i.task_id
    order by i.ord`,
);

/** A reliability outcome to add to a contributor (agreements and fields counted). */
export interface ReliabilityOutcome {
  userId: string;
  agree: number;
  total: number;
}

/** A task's verified record to store (one per task; its project's rollup counts it at commit). */
export interface NewRecord {
  projectId: string;
  documentId: string;
  pageNumber: number | null;
  values: Record<string, unknown>;
  agreement: number;
  contributorCount: number;
  reviewed: boolean;
}

/** One task's writes for saveReconciles. */
export interface ReconcileWrites {
  taskId: string;
  writes: FieldResultWrite[];
  state: { status: string; wantedFields: string[] | null; needed: number; reviewReasons: unknown[] | null };
  transcription?: NewTranscription;
  outcomes: ReliabilityOutcome[];
  record?: NewRecord;
}

/** What saveReconciles stored for one task. */
export interface SavedReconcile {
  transcription?: { id: string; createdAt: Date };
  record?: { id: string; created: boolean };
}

/**
 * Reconciles' writes in one statement, for one task or several distinct ones: the submitted
 * transcription (if any), the changed field results, the task's new state (after a submission it
 * also counts in done_count and ends the submitter's lease), the contributors' reliability outcomes
 * (their rows locked in id order), and the verified record, inserted unless the task has one.
 * Returns, per task in order, the new transcription's id and time, and the record's id with
 * whether it was created (an existing one is the caller's to update).
 */
export async function saveReconciles(db: DbOrTx, list: ReconcileWrites[]): Promise<SavedReconcile[]> {
  const items = list.map((q, ord) => {
    const t = q.transcription;
    return {
      ord,
      task_id: q.taskId,
      user_id: t?.userId ?? null,
      schema_id: t?.schemaId ?? null,
      csid: t?.clientSubmissionId ?? null,
      raw_values: t?.rawValues ?? null,
      normalized_values: t?.normalizedValues ?? null,
      markers: t ? (t.markers ?? {}) : null,
      sources: t ? (t.sources ?? {}) : null,
      seconds_spent: t?.secondsSpent ?? null,
      writes: q.writes.map((w) => ({ ...w, value: w.value ?? null, confidence: w.confidence ?? null })),
      status: q.state.status,
      wanted_fields: q.state.wantedFields,
      needed: q.state.needed,
      review_reasons: q.state.reviewReasons,
      outcomes: q.outcomes.map((o) => ({ id: o.userId, agree: o.agree, total: o.total })),
      record: q.record ?? null,
    };
  });
  const rows = await runStatement<
    {
      ord: number;
      id: string | null;
      created_at: string | null;
      record_id: string | null;
      record_created: boolean;
    },
    { items: string }
  >(db, saveReconcilesStatement, { items: JSON.stringify(items) });
  return rows.map((row) => ({
    transcription: row.id ? { id: row.id, createdAt: new Date(row.created_at!) } : undefined,
    record: row.record_id ? { id: row.record_id, created: row.record_created } : undefined,
  }));
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
