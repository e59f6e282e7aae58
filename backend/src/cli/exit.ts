/** Exit codes and error reporting shared by every CLI command. */
import { ConfigError } from '../config/env.js';
import { DataDirLockedError } from '../db/lock.js';
import { AppError } from '../errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, config: 3, locked: 4 } as const;

/** Prints an error the way a person can act on it and returns the exit code for it. */
export function reportError(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(`cotejo: ${error.message}`);
    return EXIT.config;
  }
  if (error instanceof DataDirLockedError) {
    console.error(`cotejo: ${error.message}`);
    return EXIT.locked;
  }
  if (error instanceof AppError) {
    console.error(`cotejo: ${error.code}: ${error.message}`);
    return EXIT.failure;
  }
  const e = error as { code?: string; message?: string };
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === '28P01' || e?.code === '3D000') {
    console.error(`cotejo: cannot use the database (${e.code}): ${e.message}. Check DATABASE_URL.`);
    return EXIT.failure;
  }
  if (e?.code === 'EADDRINUSE') {
    console.error(`cotejo: the port is already in use (${e.message}). Set PORT to another port.`);
    return EXIT.failure;
  }
  console.error('cotejo: unexpected error:', error);
  return EXIT.failure;
}
