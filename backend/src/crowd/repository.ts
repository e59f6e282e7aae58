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

interface SaveReconcileValues extends Record<string, unknown> {
  taskId: string;
  userId: string | null;
  schemaId: string | null;
  clientSubmissionId: string | null;
  rawValues: string | null;
  normalizedValues: string | null;
  markers: string | null;
  sources: string | null;
  secondsSpent: number | null;
  submitted: boolean;
  writes: string;
  status: string;
  wantedFields: string | null;
  needed: number;
  reviewReasons: string | null;
  done: number;
  outcomes: string;
  recordWanted: boolean;
  projectId: string | null;
  documentId: string | null;
  pageNumber: number | null;
  recordValues: string | null;
  agreement: number | null;
  contributorCount: number | null;
  reviewed: boolean | null;
}

const saveReconcileStatement = statement<SaveReconcileValues>(
  'save_reconcile',
  (p) => sql`with tr as (
      insert into transcriptions (task_id, user_id, schema_id, client_submission_id, raw_values,
        normalized_values, markers, sources, seconds_spent, is_gold)
      select ${p.taskId}::uuid, ${p.userId}::uuid, ${p.schemaId}::uuid,
        ${p.clientSubmissionId}::text, ${p.rawValues}::jsonb, ${p.normalizedValues}::jsonb,
        ${p.markers}::jsonb, ${p.sources}::jsonb, ${p.secondsSpent}::int, false
      where ${p.submitted}::boolean
      returning id, created_at
    ), results as (
      insert into field_results (task_id, field_path, status, value, support, contributors, confidence,
        candidates, updated_at)
      select ${p.taskId}::uuid, w."fieldPath", w.status, w.value, w.support, w.contributors, w.confidence,
        w.candidates, now()
      from jsonb_to_recordset(${p.writes}::jsonb) as w("fieldPath" text, status text, value jsonb,
        support real, contributors int, confidence real, candidates jsonb)
      on conflict (task_id, field_path) do update set status = excluded.status, value = excluded.value,
        support = excluded.support, contributors = excluded.contributors, confidence = excluded.confidence,
        candidates = excluded.candidates, updated_at = excluded.updated_at
    ), ended as (
      delete from leases where task_id = ${p.taskId}::uuid and user_id = ${p.userId}::uuid
    ), task as (
      update tasks set status = ${p.status}, wanted_fields = ${p.wantedFields}::jsonb,
        needed = ${p.needed}::int, review_reasons = ${p.reviewReasons}::jsonb,
        done_count = done_count + ${p.done}::int, updated_at = now()
      where id = ${p.taskId}::uuid
    ), outcome as (
      select o.id, o.agree, o.total
      from jsonb_to_recordset(${p.outcomes}::jsonb) as o(id uuid, agree real, total real)
    ), contributor as (
      select u.id from users u where u.id in (select id from outcome) order by u.id for no key update
    ), reliability as (
      update users u set reliability_agree = u.reliability_agree + o.agree,
        reliability_total = u.reliability_total + o.total
      from outcome o join contributor c on c.id = o.id
      where u.id = o.id
    ), existing as (
      select id from records
      where ${p.recordWanted}::boolean and task_id = ${p.taskId}::uuid and row_index is null limit 1
    ), inserted as (
      insert into records (project_id, task_id, document_id, page_number, values, agreement,
        contributor_count, reviewed, rollup_pending)
      select ${p.projectId}::uuid, ${p.taskId}::uuid, ${p.documentId}::uuid, ${p.pageNumber}::int,
        ${p.recordValues}::jsonb, ${p.agreement}::real, ${p.contributorCount}::int, ${p.reviewed}::boolean,
        true
      where ${p.recordWanted}::boolean and not exists (select 1 from existing)
      returning id
    )
    select (select id from tr) as id, (select created_at from tr) as created_at,
      coalesce((select id from inserted), (select id from existing)) as record_id,
      exists (select 1 from inserted) as record_created`,
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

/**
 * A reconcile's writes in one statement: the submitted transcription (if any), the changed field
 * results, the task's new state (after a submission it also counts in done_count and ends the
 * submitter's lease), the contributors' reliability outcomes (their rows locked in id order), and
 * the verified record, inserted unless the task has one. Returns the new transcription's id and
 * time, and the record's id with whether it was created (an existing one is the caller's to update).
 */
export async function saveReconcile(
  db: DbOrTx,
  q: {
    taskId: string;
    writes: FieldResultWrite[];
    state: { status: string; wantedFields: string[] | null; needed: number; reviewReasons: unknown[] | null };
    transcription?: NewTranscription;
    outcomes: ReliabilityOutcome[];
    record?: NewRecord;
  },
): Promise<{
  transcription?: { id: string; createdAt: Date };
  record?: { id: string; created: boolean };
}> {
  const t = q.transcription;
  const r = q.record;
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const writes = q.writes.map((w) => ({ ...w, value: w.value ?? null, confidence: w.confidence ?? null }));
  const [row] = await runStatement<
    { id: string | null; created_at: string | null; record_id: string | null; record_created: boolean },
    SaveReconcileValues
  >(db, saveReconcileStatement, {
    taskId: q.taskId,
    userId: t?.userId ?? null,
    schemaId: t?.schemaId ?? null,
    clientSubmissionId: t?.clientSubmissionId ?? null,
    rawValues: json(t?.rawValues),
    normalizedValues: json(t?.normalizedValues),
    markers: json(t?.markers ?? {}),
    sources: json(t?.sources ?? {}),
    secondsSpent: t?.secondsSpent ?? null,
    submitted: t !== undefined,
    writes: JSON.stringify(writes),
    status: q.state.status,
    wantedFields: json(q.state.wantedFields),
    needed: q.state.needed,
    reviewReasons: json(q.state.reviewReasons),
    done: t ? 1 : 0,
    outcomes: JSON.stringify(q.outcomes.map((o) => ({ id: o.userId, agree: o.agree, total: o.total }))),
    recordWanted: r !== undefined,
    projectId: r?.projectId ?? null,
    documentId: r?.documentId ?? null,
    pageNumber: r?.pageNumber ?? null,
    recordValues: json(r?.values),
    agreement: r?.agreement ?? null,
    contributorCount: r?.contributorCount ?? null,
    reviewed: r?.reviewed ?? null,
  });
  return {
    transcription: row?.id ? { id: row.id, createdAt: new Date(row.created_at!) } : undefined,
    record: row?.record_id ? { id: row.record_id, created: row.record_created } : undefined,
  };
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
