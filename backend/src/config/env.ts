/**
 * Every environment variable Cotejo reads, validated once at start. An invalid value stops the
 * process with a message naming the variable (see README "Configuration").
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  COTEJO_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  COTEJO_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  COTEJO_ADMIN_EMAIL: z.email().optional(),
  COTEJO_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  COTEJO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COTEJO_PUBLIC_URL: z.url().optional(),
  COTEJO_TRUST_PROXY: boolish.default(false),
  COTEJO_DEMO: boolish.default(true),
  COTEJO_DEMO_CONTENT: boolish.default(true),
  COTEJO_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(100),
  COTEJO_MAX_PAGES: z.coerce.number().int().min(1).max(100_000).default(2000),
  COTEJO_OCR_ENGINE: z.enum(['tesseractjs', 'native', 'auto']).default('tesseractjs'),
  COTEJO_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  COTEJO_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COTEJO_AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
  COTEJO_SUBMIT_BATCH: z.coerce.number().int().min(1).max(256).default(32),
  COTEJO_LEASE_BATCH: z.coerce.number().int().min(1).max(256).default(32),
});

export type RawEnv = z.infer<typeof envSchema>;

export interface Config extends Omit<RawEnv, 'COTEJO_SECRET'> {
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  secret: string;
  secretSource: 'env' | 'data-dir';
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and checks the environment; throws ConfigError naming every bad variable. */
export function parseEnv(env: NodeJS.ProcessEnv): RawEnv {
  const result = envSchema.safeParse(pickKnown(env));
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = result.data;
  if (raw.DATABASE_URL && !raw.COTEJO_SECRET) {
    throw new ConfigError(['COTEJO_SECRET: required when DATABASE_URL is set (several processes share it)']);
  }
  if (Boolean(raw.COTEJO_ADMIN_EMAIL) !== Boolean(raw.COTEJO_ADMIN_PASSWORD)) {
    throw new ConfigError(['COTEJO_ADMIN_EMAIL / COTEJO_ADMIN_PASSWORD: set both or neither']);
  }
  return raw;
}

/** Reads the configuration; in embedded mode a missing secret is generated into the data dir. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = parseEnv(env);
  const dataDir = path.resolve(raw.COTEJO_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const { secret, source } = raw.COTEJO_SECRET
    ? { secret: raw.COTEJO_SECRET, source: 'env' as const }
    : { secret: readOrCreateSecret(dataDir), source: 'data-dir' as const };
  const { COTEJO_SECRET: _omit, ...rest } = raw;
  return {
    ...rest,
    dataDir,
    database: raw.DATABASE_URL
      ? { kind: 'postgres', url: raw.DATABASE_URL }
      : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    secret,
    secretSource: source,
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

function pickKnown(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

/** Documentation of every variable, printed by `cotejo serve --help` and kept in the README. */
export const ENV_DOCS: ReadonlyArray<[name: string, fallback: string, meaning: string]> = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '0.0.0.0', 'interface to listen on'],
  ['COTEJO_DATA_DIR', './data', 'embedded database, uploaded files, page images, generated secret'],
  ['DATABASE_URL', '(unset: embedded PGlite)', 'postgres://… selects a PostgreSQL 15+ server'],
  ['COTEJO_SECRET', 'generated in the data dir', 'signs CSRF tokens; required with DATABASE_URL'],
  ['COTEJO_ADMIN_EMAIL / _PASSWORD', '(unset)', 'on first start with no admin, create this admin'],
  ['COTEJO_LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['COTEJO_PUBLIC_URL', '(unset)', 'public base URL; https:// makes cookies Secure'],
  ['COTEJO_TRUST_PROXY', 'false', 'trust X-Forwarded-* from a reverse proxy'],
  ['COTEJO_DEMO', 'true', 'seed the demo project on first start'],
  [
    'COTEJO_DEMO_CONTENT',
    'true',
    'fill the demo with processed documents, simulated volunteers and a release',
  ],
  ['COTEJO_MAX_UPLOAD_MB', '100', 'largest accepted upload'],
  ['COTEJO_MAX_PAGES', '2000', 'most pages in one PDF'],
  ['COTEJO_OCR_ENGINE', 'tesseractjs', 'tesseractjs, native (tesseract on PATH) or auto'],
  ['COTEJO_WASM_RELAXED_SIMD', '1', '0: tesseract.js on Node 20 without WebAssembly relaxed SIMD'],
  [
    'COTEJO_WORKERS',
    'cores',
    'pipeline workers in this process (0: none, for `cotejo serve` + `cotejo worker`)',
  ],
  ['COTEJO_SESSION_DAYS', '30', 'session lifetime'],
  ['COTEJO_AUTH_RATE_LIMIT', '30', 'log-in, sign-up and guest starts per minute per IP'],
  [
    'COTEJO_SUBMIT_BATCH',
    '32',
    'most submissions stored by one transaction under load (group commit; 1: each alone)',
  ],
  ['COTEJO_LEASE_BATCH', '32', 'most leases granted by one statement under load (1: each alone)'],
];
