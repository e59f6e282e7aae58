/** The summary figures of a project's open data: records, documents, volunteers, money totals. */
import type { ProjectStats } from '../contracts/open-data.js';
import type { DbOrTx } from '../db/client.js';
import { latestSchema, projectStats } from './repository.js';

/** Totals per money field and currency (a missing stored currency takes the field's default). */
export async function summarizeProject(deps: { db: DbOrTx }, projectId: string): Promise<ProjectStats> {
  const schema = await latestSchema(deps.db, projectId);
  const money = (schema?.fields ?? []).filter((f) => f.public && f.type === 'money');
  const stats = await projectStats(
    deps.db,
    projectId,
    money.map((f) => f.key),
  );
  const currencyOf = new Map(money.map((f) => [f.key, f.type === 'money' ? (f.currency ?? null) : null]));
  return {
    ...stats,
    totals: stats.totals.map((t) => ({ ...t, currency: t.currency ?? currencyOf.get(t.field) ?? null })),
  };
}
