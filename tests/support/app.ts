/** Starts the real application on a fresh test database, on a free port, for one test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../backend/src/config/env.js';
import { serverPlugins } from '../../backend/src/plugins.js';
import { startServer, type RunningServer } from '../../backend/src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  server: RunningServer;
  url: string;
  config: Config;
  testDb: TestDatabase;
  close(): Promise<void>;
}

/** Starts the app with the demo off unless asked; env overrides go through the real config parser. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { authRateLimit?: number } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cotejo-app-'));
  const testDb = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    COTEJO_DATA_DIR: dataDir,
    COTEJO_DEMO: 'false',
    COTEJO_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    COTEJO_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...env,
  });
  const server = await startServer(config, {
    database: testDb.database,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    plugins: serverPlugins(),
    app: { authRateLimit: options.authRateLimit ?? 1000, frontendDir: null },
  });
  return {
    server,
    url: server.url,
    config,
    testDb,
    async close() {
      await server.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
