/** SQL for published records: filtered, sorted keyset pages, aggregates, provenance and stats. */
import { sql, type SQL } from 'drizzle-orm';
import { FieldSchemaShape, type FieldSchemaDefinition } from '../contracts/field-schema.js';
import { queryRows, type DbOrTx } from '../db/client.js';
import type { ExportRecord } from './columns.js';
import type { QueryField, RecordQuery } from './filters.js';

/** The newest field schema of a project (null before one is saved). */
export async function latestSchema(db: DbOrTx, projectId: string): Promise<FieldSchemaDefinition | null> {
  const rows = await queryRows<{ definition: unknown }>(
    db,
    sql`select definition from field_schemas where project_id = ${projectId} order by version desc limit 1`,
  );
  return rows[0] ? FieldSchemaShape.parse(rows[0].definition) : null;
}

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
// Keys are checked against the schema and this pattern, and are inlined as literals so the
// planner can match the expression indexes of migration 0005.
const literal = (key: string) => {
  if (!KEY.test(key)) throw new Error(`bad field key ${key}`);
  return `'${key}'`;
};

/**
 * The SQL text of the expression a field compares and sorts by, on records aliased `alias` (an
 * empty alias gives the form an index is built on: open-data/field-indexes.ts).
 */
export function fieldExprText(field: QueryField, alias = 'r.'): string {
  if (field.kind === 'timestamp') return `${alias}verified_at`;
  const k = literal(field.key);
  if (field.kind === 'money') return `((${alias}values->${k}->>'amount')::numeric)`;
  if (field.kind === 'number') return `((${alias}values->>${k})::numeric)`;
  return `(${alias}values->>${k})`;
}

/** The SQL expression a field compares and sorts by. */
export const fieldExpr = (field: QueryField): SQL => sql.raw(fieldExprText(field));

const param = (field: QueryField, value: string): SQL => {
  if (field.kind === 'timestamp') return sql`${value}::timestamptz`;
  return field.kind === 'money' || field.kind === 'number' ? sql`${value}::numeric` : sql`${value}`;
};

function textSearch(q: string, textFields: QueryField[]): SQL {
  if (!textFields.length) return sql`false`;
  const haystack = sql.join(
    textFields.map((f) => sql.raw(`coalesce(r.values->>${literal(f.key)}, '')`)),
    sql`, `,
  );
  const needle = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`unaccent(lower(concat_ws(' ', ${haystack}))) like unaccent(lower(${needle}))`;
}

function keyset(query: RecordQuery): SQL | undefined {
  const after = query.after;
  if (!after) return undefined;
  const sort = query.sort;
  if (!sort) return sql`r.id > ${after.id}::uuid`;
  const e = fieldExpr(sort.field);
  const id = sql`${after.id}::uuid`;
  // Ascending sorts put nulls last; descending ones first (the index scanned backwards).
  if (!sort.desc) {
    if (after.value === null) return sql`(${e} is null and r.id > ${id})`;
    const v = param(sort.field, after.value);
    return sql`(${e} > ${v} or (${e} = ${v} and r.id > ${id}) or ${e} is null)`;
  }
  if (after.value === null) return sql`((${e} is null and r.id < ${id}) or ${e} is not null)`;
  const v = param(sort.field, after.value);
  return sql`(${e} < ${v} or (${e} = ${v} and r.id < ${id}))`;
}

function conditions(projectId: string, query: RecordQuery, textFields: QueryField[]): SQL {
  const parts: SQL[] = [sql`r.project_id = ${projectId}`];
  for (const { field, value } of query.eq) parts.push(sql`${fieldExpr(field)} = ${param(field, value)}`);
  for (const { field, min, max } of query.ranges) {
    if (min !== undefined) parts.push(sql`${fieldExpr(field)} >= ${param(field, min)}`);
    if (max !== undefined) parts.push(sql`${fieldExpr(field)} <= ${param(field, max)}`);
  }
  if (query.q) parts.push(textSearch(query.q, textFields));
  const after = keyset(query);
  if (after) parts.push(after);
  return sql.join(parts, sql` and `);
}

function orderBy(query: RecordQuery): SQL {
  const sort = query.sort;
  if (!sort) return sql`r.id`;
  const e = fieldExpr(sort.field);
  return sort.desc ? sql`${e} desc nulls first, r.id desc` : sql`${e} asc nulls last, r.id asc`;
}

interface RawRecord {
  id: string;
  document_id: string;
  original_filename: string;
  sha256: string;
  page_number: number | null;
  agreement: number;
  contributor_count: number;
  reviewed: boolean;
  values: Record<string, unknown>;
  verified_at: Date | string;
  sort_value: string | null;
}

const toRecord = (r: RawRecord): ExportRecord & { sortValue: string | null; verifiedAt: Date } => ({
  id: r.id,
  documentId: r.document_id,
  documentFile: r.original_filename,
  sourceSha256: r.sha256,
  page: r.page_number,
  agreement: Number(r.agreement),
  contributors: r.contributor_count,
  reviewed: r.reviewed,
  values: r.values,
  verifiedAt: new Date(r.verified_at),
  sortValue: r.sort_value,
});

/** One keyset page of a project's verified records. */
export async function findRecordsPage(
  db: DbOrTx,
  projectId: string,
  query: RecordQuery,
  limit: number,
  textFields: QueryField[] = [],
): Promise<Array<ExportRecord & { sortValue: string | null; verifiedAt: Date }>> {
  const sortValue = query.sort ? sql`${fieldExpr(query.sort.field)}::text` : sql`null::text`;
  const rows = await queryRows<RawRecord>(
    db,
    sql`select r.id, r.document_id, d.original_filename, d.sha256, r.page_number, r.agreement,
          r.contributor_count, r.reviewed, r.values, r.verified_at, ${sortValue} as sort_value
        from records r join documents d on d.id = r.document_id
        where ${conditions(projectId, query, textFields)}
        order by ${orderBy(query)} limit ${limit}`,
  );
  return rows.map(toRecord);
}

const csvCell = (expr: SQL) =>
  sql`coalesce(case when (${expr}) ~ '[",\r\n]' then '"' || replace(${expr}, '"', '""') || '"' else ${expr} end, '')`;

/**
 * One keyset page of records as finished CSV lines, built by the database (the fast path of
 * `cotejo export`: one row per page crosses the wire instead of thousands of parsed JSON rows).
 */
export async function csvLinesPage(
  db: DbOrTx,
  projectId: string,
  columns: Array<{ name: string; sql?: string }>,
  version: string | null,
  afterId: string | null,
  limit: number,
): Promise<{ text: string; rows: number; lastId: string | null }> {
  const cells = columns.map((c) => csvCell(c.sql ? sql.raw(`(${c.sql})`) : sql`${version}::text`));
  const line = sql`${sql.join(cells, sql` || ',' || `)} || E'\r\n'`;
  const after = afterId ? sql`and r.id > ${afterId}::uuid` : sql``;
  const [row] = await queryRows<{ text: string | null; rows: number; last_id: string | null }>(
    db,
    sql`select string_agg(line, '' order by id) as text, count(*)::int as rows, max(id::text) as last_id
        from (select r.id, ${line} as line from records r join documents d on d.id = r.document_id
              where r.project_id = ${projectId} ${after} order by r.id limit ${limit}) page`,
  );
  return { text: row?.text ?? '', rows: row?.rows ?? 0, lastId: row?.last_id ?? null };
}

export interface AggregateSpec {
  group: { field: QueryField; month: boolean };
  metrics: Array<{ op: 'sum' | 'avg' | 'min' | 'max'; field: QueryField }>;
  count: boolean;
  currencyOf?: QueryField;
  limit: number;
}

const METRIC_SQL: Record<AggregateSpec['metrics'][number]['op'], (e: SQL) => SQL> = {
  sum: (e) => sql`sum(${e})`,
  avg: (e) => sql`round(avg(${e}), 2)`,
  min: (e) => sql`min(${e})`,
  max: (e) => sql`max(${e})`,
};

/**
 * Groups a project's records by a field (or the month of a date field) with exact decimal metrics,
 * reading every matching record (the exact path: filtered aggregates, groups the rollup lacks).
 */
export async function aggregateRecords(
  db: DbOrTx,
  projectId: string,
  spec: AggregateSpec,
  filter: RecordQuery = { eq: [], ranges: [] },
  textFields: QueryField[] = [],
) {
  const g = fieldExpr(spec.group.field);
  const key = spec.group.month ? sql`substr(${g}, 1, 7)` : sql`${g}::text`;
  const currency = spec.currencyOf
    ? sql.raw(`(r.values->${literal(spec.currencyOf.key)}->>'currency')`)
    : sql`null::text`;
  const metrics = spec.metrics.map(
    (m) => sql`${METRIC_SQL[m.op](fieldExpr(m.field))}::text as ${sql.raw(m.op)}`,
  );
  const select = sql.join(
    [sql`${key} as key`, sql`${currency} as currency`, sql`count(*)::int as count`, ...metrics],
    sql`, `,
  );
  // Ordered by the first metric as a number (not as its text), then by key and currency.
  const first = spec.metrics[0];
  const order = first
    ? sql`${METRIC_SQL[first.op](fieldExpr(first.field))} desc nulls last`
    : sql`count(*) desc`;
  return queryRows<Record<string, string | number | null>>(
    db,
    sql`select ${select} from records r where ${conditions(projectId, { ...filter, after: undefined }, textFields)}
        group by 1, 2 order by ${order}, 1, 2
        limit ${spec.limit}`,
  );
}

/** Whether the rollup covers a group and a metric ('' = count only), and whether its min/max are stale. */
export async function rollupState(db: DbOrTx, projectId: string, dim: string, metric: string) {
  const [row] = await queryRows<{ covered: boolean; stale: boolean }>(
    db,
    sql`select exists (select 1 from record_rollup_dims where project_id = ${projectId} and dim = ${dim})
          and exists (select 1 from record_rollup_metrics where project_id = ${projectId} and metric = ${metric})
          as covered,
        exists (select 1 from record_rollups where project_id = ${projectId} and dim = ${dim}
          and metric = ${metric} and stale) as stale`,
  );
  return { covered: Boolean(row?.covered), stale: Boolean(row?.stale) };
}

// Qualified: a bare `min` in ORDER BY would be the text output column, sorted as text.
/** Recomputes the stale min/max of one group-by and metric from the records (one pass). */
export async function refreshRollup(db: DbOrTx, projectId: string, dim: string, metric: string) {
  await db.execute(sql`select cotejo_rollup_refresh(${projectId}::uuid, ${dim}, ${metric})`);
}

const ROLLUP_ORDER: Record<AggregateSpec['metrics'][number]['op'], string> = {
  sum: 'case when u.n > 0 then u.sum end',
  avg: 'case when u.n > 0 then round(u.sum / u.n, 2) end',
  min: 'u.min',
  max: 'u.max',
};

/**
 * The same groups as `aggregateRecords` (unfiltered) read from the rollup the record triggers
 * keep (migration 0007): one row per group instead of every record. avg = round(sum / n, 2) is
 * what round(avg(x), 2) computes.
 */
export async function aggregateRollup(
  db: DbOrTx,
  projectId: string,
  spec: AggregateSpec,
  dim: string,
  metric: string,
) {
  const first = spec.metrics[0];
  const order = first ? `${ROLLUP_ORDER[first.op]} desc nulls last` : 'u.count desc';
  return queryRows<Record<string, string | number | null>>(
    db,
    sql`select key, ${spec.currencyOf ? sql`currency` : sql`null::text`} as currency, count::int as count,
          (case when n > 0 then sum end)::text as sum, (case when n > 0 then round(sum / n, 2) end)::text as avg,
          min::text as min, max::text as max
        from record_rollups u
        where project_id = ${projectId} and dim = ${dim} and metric = ${metric} and count > 0
        order by ${sql.raw(order)}, u.key, u.currency
        limit ${spec.limit}`,
  );
}

/** Where one record came from. */
export async function findProvenance(db: DbOrTx, projectId: string, recordId: string) {
  const rows = await queryRows<{
    id: string;
    document_id: string;
    original_filename: string;
    sha256: string;
    page_count: number | null;
    page_number: number | null;
    region: unknown;
    agreement: number;
    contributor_count: number;
    reviewed: boolean;
    verified_at: Date | string;
    page_id: string | null;
  }>(
    db,
    sql`select r.id, r.document_id, d.original_filename, d.sha256, d.page_count, r.page_number, r.region,
          r.agreement, r.contributor_count, r.reviewed, r.verified_at, p.id as page_id
        from records r join documents d on d.id = r.document_id
        left join pages p on p.document_id = r.document_id and p.number = coalesce(r.page_number, 1)
        where r.project_id = ${projectId} and r.id = ${recordId}::uuid`,
  );
  return rows[0];
}

/** Record and document counts, distinct volunteers, and totals of money fields per currency. */
export async function projectStats(db: DbOrTx, projectId: string, moneyKeys: string[]) {
  const [counts] = await queryRows<{ records: number; documents: number; volunteers: number }>(
    db,
    sql`select (select count(*)::int from records where project_id = ${projectId}) as records,
          (select count(*)::int from documents where project_id = ${projectId}) as documents,
          (select count(distinct t.user_id)::int from transcriptions t join tasks k on k.id = t.task_id
            where k.project_id = ${projectId} and not t.is_gold) as volunteers`,
  );
  const totals: Array<{ field: string; currency: string | null; amount: string }> = [];
  for (const key of moneyKeys) {
    const k = literal(key);
    const rows = await queryRows<{ currency: string | null; amount: string }>(
      db,
      sql`select ${sql.raw(`r.values->${k}->>'currency'`)} as currency,
            sum(${sql.raw(`(r.values->${k}->>'amount')::numeric`)})::text as amount
          from records r where r.project_id = ${projectId} and ${sql.raw(`r.values->${k}->>'amount'`)} is not null
          group by 1 order by 1`,
    );
    totals.push(...rows.map((r) => ({ field: key, currency: r.currency, amount: r.amount })));
  }
  return { ...counts!, totals };
}
