/**
 * Per-project indexes for the records list: one partial index per public sortable field of the
 * project's latest schema, on the very expression the list filters and sorts by (fieldExprText),
 * so a filtered, sorted page of 50 stays an index walk at a million records whatever the field
 * keys are. Built after a schema is saved and for every project at start; on a PostgreSQL server
 * with CREATE INDEX CONCURRENTLY, so record writes never wait for a build.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { sql } from 'drizzle-orm';
import { queryFields, type QueryField } from './filters.js';
import { fieldExprText, latestSchema } from './repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The index of one project's field: a short, stable name (identifiers stop at 63 bytes). */
export function fieldIndexName(projectId: string, field: QueryField): string {
  const hash = createHash('sha256').update(`${projectId}:${field.key}:${field.kind}`).digest('hex');
  return `records_field_${hash.slice(0, 24)}`;
}

/** CREATE INDEX statements for a project's sortable fields (booleans sort too, but two values need no index). */
export function fieldIndexStatements(
  projectId: string,
  fields: QueryField[],
  concurrently: boolean,
): Array<{ name: string; statement: string }> {
  if (!UUID.test(projectId)) throw new Error(`bad project id ${projectId}`);
  return fields
    .filter((f) => f.kind !== 'boolean' && f.kind !== 'timestamp')
    .map((field) => {
      const name = fieldIndexName(projectId, field);
      const statement =
        `create index ${concurrently ? 'concurrently ' : ''}if not exists ${name} on records ` +
        `(${fieldExprText(field, '')}, id) where project_id = '${projectId}'`;
      return { name, statement };
    });
}

/** The builds of this process, per database, one after another. */
const builds = new WeakMap<Database, Promise<unknown>>();

/**
 * Creates the missing field indexes of a project; returns the names created. An index left invalid
 * by an interrupted concurrent build is dropped and built again. A failure (say old records whose
 * values do not fit a field's new type) is logged and leaves the list on its slower plan.
 *
 * Builds in one process run one at a time: two concurrent index builds on `records` wait for each
 * other's transactions, and PostgreSQL ends one as a deadlock (the start-up pass and a schema save
 * met that way).
 */
export function ensureFieldIndexes(
  database: Database,
  projectId: string,
  logger?: Pick<Logger, 'warn'>,
): Promise<string[]> {
  const build = (builds.get(database) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => buildFieldIndexes(database, projectId, logger));
  builds.set(database, build);
  return build;
}

async function buildFieldIndexes(
  database: Database,
  projectId: string,
  logger?: Pick<Logger, 'warn'>,
): Promise<string[]> {
  const schema = await latestSchema(database.db, projectId);
  const fields = [...queryFields(schema).values()];
  const server = database.kind === 'postgres';
  const created: string[] = [];
  for (const { name, statement } of fieldIndexStatements(projectId, fields, server)) {
    const [state] = await queryRows<{ valid: boolean }>(
      database.db,
      sql`select i.indisvalid as valid from pg_class c join pg_index i on i.indexrelid = c.oid
          where c.relname = ${name}`,
    );
    if (state?.valid) continue;
    try {
      if (state)
        await database.db.execute(sql.raw(`drop index ${server ? 'concurrently ' : ''}if exists ${name}`));
      await database.db.execute(sql.raw(statement));
      created.push(name);
    } catch (error) {
      logger?.warn({ err: error, projectId, index: name }, 'could not build a records field index');
    }
  }
  return created;
}

/** Field indexes for every project (at start: projects whose schema changed while no process ran). */
export async function ensureAllFieldIndexes(
  database: Database,
  logger?: Pick<Logger, 'warn'>,
): Promise<void> {
  const projects = await queryRows<{ id: string }>(
    database.db,
    sql`select id from projects order by created_at`,
  );
  for (const p of projects) await ensureFieldIndexes(database, p.id, logger);
}
