import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../backend/src/db/client.js';
import { documents } from '../../backend/src/db/schema.js';
import { runCli } from '../support/cli.js';
import { makeOrganization, makeProject } from '../support/factories.js';
import { FIXTURES } from './documents-helpers.js';

describe('pipeline commands', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cotejo-cli-'));
  const inbox = path.join(dataDir, 'inbox');
  const env = { COTEJO_DATA_DIR: dataDir, COTEJO_DEMO: 'false' };
  const openDb = () => openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
  let projectId: string;

  beforeAll(async () => {
    const database = await openDb();
    try {
      const org = await makeOrganization(database.db);
      projectId = (await makeProject(database.db, org.id, { slug: 'inbox-project' })).id;
    } finally {
      await database.close();
    }
    mkdirSync(path.join(inbox, 'nested'), { recursive: true });
    copyFileSync(
      path.join(FIXTURES, 'born-digital/contract-awards-crda-2024-q1.pdf'),
      path.join(inbox, 'a.pdf'),
    );
    copyFileSync(
      path.join(FIXTURES, 'born-digital/rendicion-concejo-2023-11.pdf'),
      path.join(inbox, 'nested/b.PDF'),
    );
    copyFileSync(path.join(FIXTURES, 'bad/text-file.pdf'), path.join(inbox, 'nested/c.pdf'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports a folder, processes it, and exits non-zero because one file was refused', async () => {
    const result = await runCli(['import', inbox, '--project', 'inbox-project'], env, 120_000);
    expect(result.stdout).toMatch(/refused .*c\.pdf: not_a_pdf/);
    expect(result.stdout).toMatch(/3 file\(s\): 2 imported, 0 duplicate\(s\), 1 refused, 0 failed/);
    expect(result.code).toBe(1);
    const database = await openDb();
    try {
      const rows = await database.db.select().from(documents).where(eq(documents.projectId, projectId));
      expect(rows.map((r) => [r.originalFilename, r.status]).sort()).toEqual([
        ['a.pdf', 'ready'],
        ['b.PDF', 'ready'],
      ]);
    } finally {
      await database.close();
    }
    const again = await runCli(
      ['import', path.join(inbox, 'a.pdf'), '--project', 'inbox-project'],
      env,
      60_000,
    );
    expect(again.stdout).toMatch(/skipped .*a\.pdf: already in the project/);
    expect(again.code).toBe(0);
  }, 180_000);

  it('prints the pipeline output of one file as JSON', async () => {
    const file = path.join(FIXTURES, 'born-digital/contract-awards-dhd-2024-h1.pdf');
    const result = await runCli(['ocr', file, '--json'], env);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.pages[0]).toMatchObject({ number: 1, source: 'text-layer' });
    expect(Object.keys(output.pages[0].words[0]).sort()).toEqual(['bbox', 'confidence', 'text']);
    const bad = await runCli(['ocr', path.join(FIXTURES, 'bad/encrypted.pdf')], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/pdf_encrypted/);
  });

  it('refuses `cotejo worker` on the embedded database', async () => {
    const result = await runCli(['worker'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs a PostgreSQL server/);
  });

  it('documents each command with --help', async () => {
    const commands = [['worker'], ['import'], ['ocr'], ['bench', 'pipeline']];
    const results = await Promise.all(commands.map((command) => runCli([...command, '--help'], env)));
    results.forEach((result, i) => {
      expect({ command: commands[i], code: result.code }).toEqual({ command: commands[i], code: 0 });
      expect(result.stdout).toMatch(new RegExp(`^Usage: cotejo ${commands[i]!.join(' ')} `));
    });
  });
});
