import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR, openDatabase, queryRows, runMigrations } from '../../backend/src/db/client.js';
import { DataDirLockedError, lockDataDir } from '../../backend/src/db/lock.js';
import { createTestDatabase, usingServer } from '../support/database.js';
import { runCli } from '../support/cli.js';

const DOMAIN_TABLES = [
  'api_tokens',
  'documents',
  'entities',
  'entity_aliases',
  'events',
  'field_results',
  'field_schemas',
  'jobs',
  'leases',
  'memberships',
  'organizations',
  'pages',
  'projects',
  'records',
  'releases',
  'reviews',
  'sessions',
  'tasks',
  'transcriptions',
  'users',
];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cotejo-db-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('migrations', () => {
  it(`create every domain table and apply idempotently on ${usingServer ? 'PostgreSQL' : 'PGlite'}`, async () => {
    const testDb = await createTestDatabase();
    try {
      await runMigrations(testDb.database);
      await runMigrations(testDb.database);
      const rows = await queryRows<{ table_name: string }>(
        testDb.database.db,
        sql`select table_name from information_schema.tables where table_schema = 'public'`,
      );
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(DOMAIN_TABLES));
      const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
        entries: unknown[];
      };
      const applied = await queryRows<{ n: number }>(
        testDb.database.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied[0]!.n).toBe(journal.entries.length);
      const ext = await queryRows<{ s: number }>(
        testDb.database.db,
        sql`select similarity('García SA', 'GARCIA S.A.') as s`,
      );
      expect(Number(ext[0]!.s)).toBeGreaterThan(0.3);
    } finally {
      await testDb.drop();
    }
  });

  it('migrate a new on-disk PGlite directory and reopen it with the data kept', async () => {
    const dir = path.join(tmp, 'disk', 'pglite');
    const first = await openDatabase({ kind: 'pglite', dir });
    await first.db.execute(sql`insert into organizations (slug, name) values ('kept', 'Kept')`);
    await first.close();
    const second = await openDatabase({ kind: 'pglite', dir });
    const rows = await queryRows<{ n: number }>(second.db, sql`select count(*)::int as n from organizations`);
    expect(rows[0]!.n).toBe(1);
    await second.close();
    expect(readdirSync(path.dirname(dir))).not.toContain('cotejo.lock');
  });
});

describe('the embedded data directory lock', () => {
  it('refuses a second holder in this process and frees on release', () => {
    const dir = mkdtempSync(path.join(tmp, 'lock-'));
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    lockDataDir(dir).release();
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = mkdtempSync(path.join(tmp, 'stale-'));
    writeFileSync(
      path.join(dir, 'cotejo.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }),
    );
    lockDataDir(dir).release();
  });

  it('makes a second Cotejo process on the same directory exit non-zero at once, saying why', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'second-'));
    const holder = await openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
    try {
      const started = Date.now();
      const result = await runCli(['migrate'], { COTEJO_DATA_DIR: dataDir });
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/Another Cotejo process \(pid \d+\) holds the data directory/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await holder.close();
    }
  });
});
