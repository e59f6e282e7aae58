/**
 * A fresh, migrated database for one test file: PGlite by default, the PostgreSQL server when
 * DATABASE_URL is set (the same tests run on both in CI).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../../backend/src/db/client.js';

export const usingServer = Boolean(process.env.DATABASE_URL);

export interface TestDatabase {
  database: Database;
  /** How a second process reaches the same database (server mode only). */
  url: string | null;
  drop(): Promise<void>;
}

/** Creates a test database from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usingServer) {
    const template = process.env.TEST_PGLITE_TEMPLATE;
    const loadDataDir = template ? new Blob([readFileSync(template)]) : undefined;
    const database = await openDatabase({ kind: 'pglite', dir: null, loadDataDir }, { migrate: !template });
    return { database, url: null, drop: () => database.close() };
  }
  const serverUrl = process.env.DATABASE_URL!;
  const name = `cotejo_t_${randomBytes(6).toString('hex')}`;
  const template = process.env.TEST_PG_TEMPLATE;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ kind: 'postgres', url }, { migrate: !template });
  return {
    database,
    url,
    async drop() {
      await database.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
