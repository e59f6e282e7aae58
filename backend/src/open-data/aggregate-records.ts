/** Group records by a field (or the month of a date) with count, sum, avg, min, max as exact decimals. */
import type { AggregateQuery, AggregateResult } from '../contracts/open-data.js';
import type { DbOrTx } from '../db/client.js';
import { AppError } from '../errors.js';
import { parseFilters, queryFields, type QueryField, type RecordQuery } from './filters.js';
import {
  aggregateRecords,
  aggregateRollup,
  latestSchema,
  refreshRollup,
  rollupState,
  type AggregateSpec,
} from './repository.js';

const OPS = ['sum', 'avg', 'min', 'max'] as const;

function field(fields: Map<string, QueryField>, key: string, param: string): QueryField {
  const f = fields.get(key);
  if (!f)
    throw new AppError('validation_failed', `"${key}" is not a public field of this project`, { param });
  return f;
}

/** The groups, from the rollup when it answers the question exactly, else from the records. */
async function readGroups(
  db: DbOrTx,
  projectId: string,
  spec: AggregateSpec,
  filter: RecordQuery,
  fields: Map<string, QueryField>,
) {
  const filtered = filter.eq.length > 0 || filter.ranges.length > 0 || filter.q !== undefined;
  const metricKeys = new Set(spec.metrics.map((m) => m.field.key));
  if (!filtered && metricKeys.size <= 1) {
    const dim = spec.group.month ? `month(${spec.group.field.key})` : spec.group.field.key;
    const metric = [...metricKeys][0] ?? '';
    const state = await rollupState(db, projectId, dim, metric);
    if (state.covered) {
      // A removed value may have been a group's min or max: recompute those once from the records.
      if (state.stale && spec.metrics.some((m) => m.op === 'min' || m.op === 'max')) {
        await refreshRollup(db, projectId, dim, metric);
      }
      return aggregateRollup(db, projectId, spec, dim, metric);
    }
  }
  const textFields = [...fields.values()].filter((f) => f.kind === 'text');
  return aggregateRecords(db, projectId, spec, filter, textFields);
}

/**
 * Runs the aggregate a query asks for. `rawQuery` may carry the records list's filters
 * (`f.<key>`, `min.`/`max.`, `from.`/`to.`, `q`). Unfiltered groups the rollup covers (entity,
 * enum and boolean fields, month of a date; metrics over one field) are read from it (min/max
 * made stale by a removal are recomputed first); anything else reads the records.
 */
export async function aggregate(
  deps: { db: DbOrTx },
  projectId: string,
  query: AggregateQuery,
  rawQuery: Record<string, unknown> = {},
): Promise<AggregateResult> {
  const fields = queryFields(await latestSchema(deps.db, projectId));
  const month = /^month\((.+)\)$/.exec(query.groupBy);
  const group = { field: field(fields, month ? month[1]! : query.groupBy, 'groupBy'), month: Boolean(month) };
  if (month && group.field.kind !== 'date') {
    throw new AppError('validation_failed', 'month() needs a date field', { param: 'groupBy' });
  }
  const metrics: AggregateSpec['metrics'] = [];
  for (const op of OPS) {
    const key = query[op];
    if (!key) continue;
    const f = field(fields, key, op);
    if (f.kind !== 'money' && f.kind !== 'number') {
      throw new AppError('validation_failed', `${op} needs a number or money field`, { param: op });
    }
    metrics.push({ op, field: f });
  }
  // Amounts in different currencies are never added together: money metrics also group by currency.
  const currencyOf = metrics.find((m) => m.field.kind === 'money')?.field;
  const spec: AggregateSpec = {
    group,
    metrics,
    count: query.count !== undefined,
    currencyOf,
    limit: query.limit,
  };
  const filter = parseFilters(fields, rawQuery);
  const q = typeof rawQuery.q === 'string' && rawQuery.q.trim() ? rawQuery.q.trim() : undefined;
  const rows = await readGroups(deps.db, projectId, spec, { ...filter, q }, fields);
  return {
    groupBy: query.groupBy,
    groups: rows.map((r) => ({
      key: r.key === null ? null : String(r.key),
      ...(currencyOf ? { currency: (r.currency as string | null) ?? null } : {}),
      ...(query.count !== undefined || !metrics.length ? { count: Number(r.count) } : {}),
      ...Object.fromEntries(metrics.map((m) => [m.op, (r[m.op] as string | null) ?? null])),
    })),
  };
}
