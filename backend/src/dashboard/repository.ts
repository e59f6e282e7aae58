/** SQL behind the live dashboard: counts and small aggregates over one project. */
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.js';

const int = (v: unknown): number => Number(v ?? 0);
const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** Distinct people holding an unexpired lease on the project's tasks. */
export async function countPeopleNow(db: DbOrTx, projectId: string, now: Date): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`select count(distinct l.user_id) as n from leases l join tasks t on t.id = l.task_id
        where t.project_id = ${projectId} and l.expires_at > ${now.toISOString()}::timestamptz`,
  );
  return int(row?.n);
}

/** Transcriptions per epoch minute since `since` (gold answers excluded). */
export async function transcriptionsByMinute(
  db: DbOrTx,
  projectId: string,
  since: Date,
): Promise<Map<number, number>> {
  const rows = await queryRows<{ minute: unknown; n: unknown }>(
    db,
    sql`select floor(extract(epoch from tr.created_at) / 60)::bigint as minute, count(*) as n
        from transcriptions tr join tasks t on t.id = tr.task_id
        where t.project_id = ${projectId} and tr.is_gold = false
          and tr.created_at >= ${since.toISOString()}::timestamptz
        group by 1`,
  );
  return new Map(rows.map((r) => [int(r.minute), int(r.n)]));
}

export interface TaskCounts {
  total: number;
  complete: number;
  review: number;
  remaining: number;
}

/** Task counts and the transcriptions open tasks still need. */
export async function taskCounts(db: DbOrTx, projectId: string): Promise<TaskCounts> {
  const [row] = await queryRows<Record<keyof TaskCounts, unknown>>(
    db,
    sql`select count(*) as total,
          count(*) filter (where status = 'complete') as complete,
          count(*) filter (where status = 'review') as review,
          coalesce(sum(greatest(needed - done_count, 0)) filter (where status = 'open'), 0) as remaining
        from tasks where project_id = ${projectId} and is_gold = false`,
  );
  return {
    total: int(row?.total),
    complete: int(row?.complete),
    review: int(row?.review),
    remaining: int(row?.remaining),
  };
}

/** Documents by status. */
export async function documentCounts(db: DbOrTx, projectId: string) {
  const rows = await queryRows<{ status: string; n: unknown }>(
    db,
    sql`select status, count(*) as n from documents where project_id = ${projectId} group by status`,
  );
  const by = Object.fromEntries(rows.map((r) => [r.status, int(r.n)])) as Record<string, number>;
  const total = rows.reduce((s, r) => s + int(r.n), 0);
  return {
    total,
    ready: by.ready ?? 0,
    processing: (by.processing ?? 0) + (by.uploaded ?? 0),
    failed: by.failed ?? 0,
  };
}

/** Verified records of the project. */
export async function countRecords(db: DbOrTx, projectId: string): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`select count(*) as n from records where project_id = ${projectId}`,
  );
  return int(row?.n);
}

/** field_results grouped by path with table row indexes folded (`items[3].x` → `items[].x`). */
export async function fieldResultCounts(db: DbOrTx, projectId: string) {
  const rows = await queryRows<{ path: string; status: string; n: unknown }>(
    db,
    sql`select regexp_replace(fr.field_path, '\\[[0-9]+\\]', '[]', 'g') as path, fr.status, count(*) as n
        from field_results fr join tasks t on t.id = fr.task_id
        where t.project_id = ${projectId} and t.is_gold = false
        group by 1, 2`,
  );
  return rows.map((r) => ({ path: r.path, status: r.status, count: int(r.n) }));
}

export interface RawActivity {
  kind: string;
  type: string;
  at: string;
  actor: string | null;
  detail: string | null;
}

/** The newest transcriptions, records, reviews, documents, releases and audit events, merged. */
export async function recentActivity(db: DbOrTx, projectId: string, limit: number): Promise<RawActivity[]> {
  const rows = await queryRows<{
    kind: string;
    type: string;
    at: unknown;
    actor: string | null;
    detail: string | null;
  }>(
    db,
    sql`(select 'transcription' as kind, 'transcription.submitted' as type, tr.created_at as at,
            case when u.is_guest then null else u.display_name end as actor, d.original_filename as detail
          from transcriptions tr join tasks t on t.id = tr.task_id join documents d on d.id = t.document_id
          join users u on u.id = tr.user_id
          where t.project_id = ${projectId} and tr.is_gold = false order by tr.created_at desc limit ${limit})
        union all
        (select 'record', 'record.verified', r.verified_at, null, d.original_filename
          from records r join documents d on d.id = r.document_id
          where r.project_id = ${projectId} order by r.verified_at desc limit ${limit})
        union all
        (select 'review', 'review.' || rv.action, rv.created_at, u.display_name, rv.field_path
          from reviews rv join users u on u.id = rv.editor_id
          where rv.project_id = ${projectId} order by rv.created_at desc limit ${limit})
        union all
        (select 'document', 'document.' || d.status, d.updated_at, null, d.original_filename
          from documents d where d.project_id = ${projectId} order by d.updated_at desc limit ${limit})
        union all
        (select 'release', 'release.published', rl.published_at, u.display_name, rl.version
          from releases rl left join users u on u.id = rl.published_by
          where rl.project_id = ${projectId} order by rl.published_at desc limit ${limit})
        union all
        (select 'event', e.type, e.at, u.display_name,
            coalesce(e.data->>'name', e.data->>'to', e.data->>'email',
              (select string_agg(n, ', ') from jsonb_array_elements_text(
                case when jsonb_typeof(e.data->'names') = 'array' then e.data->'names' else '[]'::jsonb end) n),
              e.subject_id)
          from events e left join users u on u.id = e.actor_id
          where e.project_id = ${projectId} order by e.at desc limit ${limit})
        order by at desc limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, at: iso(r.at) }));
}

/** Each task of a document with its transcription count and field results by state. */
export async function documentTaskStates(db: DbOrTx, projectId: string, documentId: string) {
  const rows = await queryRows<{
    id: string;
    page_number: number | null;
    status: 'open' | 'complete' | 'review';
    needed: unknown;
    transcriptions: unknown;
    verified: unknown;
    disputed: unknown;
    pending: unknown;
  }>(
    db,
    sql`select t.id, t.page_number, t.status, t.needed,
          (select count(*) from transcriptions tr where tr.task_id = t.id and tr.is_gold = false) as transcriptions,
          (select count(*) from field_results f where f.task_id = t.id and f.status in ('verified', 'reviewed')) as verified,
          (select count(*) from field_results f where f.task_id = t.id and f.status in ('disputed', 'needs_review')) as disputed,
          (select count(*) from field_results f where f.task_id = t.id and f.status = 'pending') as pending
        from tasks t
        where t.project_id = ${projectId} and t.document_id = ${documentId} and t.is_gold = false
        order by t.page_number nulls first`,
  );
  return rows.map((r) => ({
    taskId: r.id,
    pageNumber: r.page_number === null ? null : int(r.page_number),
    status: r.status,
    transcriptions: int(r.transcriptions),
    needed: int(r.needed),
    fields: { verified: int(r.verified), disputed: int(r.disputed), pending: int(r.pending) },
  }));
}
