// Runs once before the test files (plain JS: Jest loads global setup outside its ESM mapper).
// Migrates one template database so that each test file gets a fresh, migrated database fast:
// - PGlite: a migrated data dir dumped to a tarball (TEST_PGLITE_TEMPLATE);
// - DATABASE_URL set: a template database on that server (TEST_PG_TEMPLATE).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../backend/drizzle');

export default async function globalSetup() {
  const dir = path.join(os.tmpdir(), `cotejo-tests-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env.TEST_TMP_ROOT = dir;

  const client = await PGlite.create({ extensions: { pg_trgm, unaccent } });
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  const file = path.join(dir, 'pglite-template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  process.env.TEST_PGLITE_TEMPLATE = file;

  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `cotejo_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    const pool = new pg.Pool({ connectionString: u.toString(), max: 1 });
    await migratePg(drizzlePg(pool), { migrationsFolder });
    await pool.end();
    process.env.TEST_PG_TEMPLATE = template;
  }
}
