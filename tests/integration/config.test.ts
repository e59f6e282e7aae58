import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, parseEnv } from '../../backend/src/config/env.js';
import { runCli } from '../support/cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cotejo-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function messageOf(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has working defaults', () => {
    const raw = parseEnv({});
    expect(raw).toMatchObject({
      PORT: 3000,
      COTEJO_DATA_DIR: './data',
      COTEJO_LOG_LEVEL: 'info',
      COTEJO_MAX_PAGES: 2000,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://localhost/x' }, 'COTEJO_SECRET'],
    [{ COTEJO_SECRET: 'short' }, 'COTEJO_SECRET'],
    [{ COTEJO_LOG_LEVEL: 'loud' }, 'COTEJO_LOG_LEVEL'],
    [{ COTEJO_ADMIN_EMAIL: 'admin@example.org' }, 'COTEJO_ADMIN_PASSWORD'],
    [{ COTEJO_ADMIN_EMAIL: 'nope', COTEJO_ADMIN_PASSWORD: 'long enough password' }, 'COTEJO_ADMIN_EMAIL'],
  ])('names the bad variable in %j', (env, name) => {
    expect(messageOf(env)).toContain(name);
  });

  it('generates a secret in the embedded data dir once and reuses it', () => {
    const dir = path.join(tmp, 'data');
    const first = loadConfig({ COTEJO_DATA_DIR: dir });
    expect(first.secretSource).toBe('data-dir');
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'secret'), 'utf8').trim()).toBe(first.secret);
    expect(loadConfig({ COTEJO_DATA_DIR: dir }).secret).toBe(first.secret);
    expect(first.database).toEqual({ kind: 'pglite', dir: path.join(dir, 'pglite') });
  });

  it('stops the process with the variable named and a non-zero exit code', async () => {
    const dir = path.join(tmp, 'cli');
    const result = await runCli(['serve'], { PORT: 'eighty', COTEJO_DATA_DIR: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('PORT');
    expect(existsSync(path.join(dir, 'pglite'))).toBe(false);
  });

  it('prints help for every command and fails on unknown ones', async () => {
    for (const args of [
      ['serve', '--help'],
      ['admin', 'create', '--help'],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: cotejo/);
    }
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });
});
