/** Group records by a field (or the month of a date) with count, sum, avg, min, max as exact decimals. */
import type { AggregateQuery, AggregateResult } from '../contracts/open-data.js';
import type { DbOrTx } from '../db/client.js';
import { AppError } from '../errors.js';
import { queryFields, type QueryField } from './filters.js';
import { aggregateRecords, latestSchema, type AggregateSpec } from './repository.js';

const OPS = ['sum', 'avg', 'min', 'max'] as const;

function field(fields: Map<string, QueryField>, key: string, param: string): QueryField {
  const f = fields.get(key);
  if (!f)
    throw new AppError('validation_failed', `"${key}" is not a public field of this project`, { param });
  return f;
}

/** Runs the aggregate a query asks for. */
export async function aggregate(
  deps: { db: DbOrTx },
  projectId: string,
  query: AggregateQuery,
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
  const rows = await aggregateRecords(deps.db, projectId, {
    group,
    metrics,
    count: query.count !== undefined,
    currencyOf,
    limit: query.limit,
  });
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
