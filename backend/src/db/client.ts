/**
 * One database, two ways to run it (docs/adr/0001-postgresql-with-pglite.md): embedded PGlite in a
 * data directory, or a PostgreSQL server through a `pg` pool. Same schema, same migrations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import {
  getTableColumns,
  sql,
  type Column,
  type Placeholder,
  type Query,
  type SQL,
  type Table,
} from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';
import { lockDataDir, type DirLock } from './lock.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** The pg pool in server mode (the socket.io adapter and LISTEN need it). */
  readonly pool?: pg.Pool;
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | {
      kind: 'pglite';
      dir: string | null;
      /** a dumped, already-migrated data dir (tests) */ loadDataDir?: Blob;
    }
  | { kind: 'postgres'; url: string };

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');
const MIGRATION_LOCK_ID = 727_001;

/** Opens (and locks, when embedded on disk) the database and applies pending migrations. */
export async function openDatabase(
  target: DatabaseTarget,
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<Database> {
  const database =
    target.kind === 'pglite'
      ? await openPglite(target.dir, target.loadDataDir)
      : openPostgres(target.url, options);
  if (options.migrate !== false) {
    try {
      await runMigrations(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

async function openPglite(dir: string | null, loadDataDir?: Blob): Promise<Database> {
  let lock: DirLock | undefined;
  if (dir) {
    mkdirSync(path.dirname(dir), { recursive: true });
    lock = lockDataDir(path.dirname(dir));
  }
  try {
    const client = await PGlite.create({
      dataDir: dir ?? undefined,
      loadDataDir,
      extensions: { pg_trgm, unaccent },
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      pglite: client,
      async close() {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function openPostgres(url: string, options: { poolSize?: number }): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { kind: 'postgres', db, pool, close: () => pool.end() };
}

/** Applies every pending migration; on a server an advisory lock keeps concurrent starts apart. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}

/** True when the database answers a trivial query (health checks). */
export async function pingDatabase(database: Database): Promise<boolean> {
  try {
    await database.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

const dialect = new PgDialect();

/**
 * A hot statement (lease, submit) built once: raw SQL with named placeholders (`p.name`), compiled to
 * its text at module load and run by runStatement with only its values filled in, so a call neither
 * rebuilds nor re-walks the SQL. On a PostgreSQL server it is a named prepared statement that each
 * pooled connection parses and plans once (`name` must be unique to the text); PGlite runs it as a
 * plain query. Rows come as the driver returns them (rowOf maps a table's columns).
 */
export interface Statement<V extends Record<string, unknown>> {
  readonly name: string;
  readonly query: Query;
  /** The values' type (types only). */
  readonly values?: V;
}

export function statement<V extends Record<string, unknown>>(
  name: string,
  build: (p: { readonly [K in keyof V]: Placeholder }) => SQL,
): Statement<V> {
  const p = new Proxy({} as { readonly [K in keyof V]: Placeholder }, {
    get: (_target, key) => sql.placeholder(String(key)),
  });
  return { name, query: dialect.sqlToQuery(build(p)) };
}

/** Runs a compiled statement with its placeholder values; the rows as the driver returns them. */
export async function runStatement<T, V extends Record<string, unknown>>(
  db: DbOrTx,
  s: Statement<V>,
  values: V,
): Promise<T[]> {
  const prepared = db._.session.prepareQuery(s.query, undefined, s.name, false);
  const result: unknown = await prepared.execute(values);
  return (result as { rows: T[] }).rows;
}

const tableColumns = new WeakMap<Table, Array<[string, Column]>>();
const columnsOf = (table: Table): Array<[string, Column]> => {
  let list = tableColumns.get(table);
  if (!list) {
    list = Object.entries(getTableColumns(table) as Record<string, Column>);
    tableColumns.set(table, list);
  }
  return list;
};

/** `alias.column as "prefix.column"` for every column of a table (raw statements joining tables). */
export function columnsAs(table: Table, alias: string, prefix = alias): SQL {
  const list = columnsOf(table).map(([, c]) => `${alias}."${c.name}" as "${prefix}.${c.name}"`);
  return sql.raw(list.join(', '));
}

/**
 * A table's row from raw SQL (snake_case columns as the driver returns them) in the shape the query
 * builder gives (`$inferSelect`): each column mapped by its own driver mapping (dates, JSON).
 */
export function rowOf<T extends Table>(
  table: T,
  raw: Record<string, unknown>,
  /** The prefix of columnsAs, when the columns were selected with one. */
  prefix?: string,
): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(table)) {
    const value = raw[prefix ? `${prefix}.${column.name}` : column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}
