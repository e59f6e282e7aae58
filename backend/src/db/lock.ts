/**
 * Exclusive ownership of an embedded data directory. Two processes on one PGlite directory
 * silently lose writes, so the second one must refuse to start.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `Another Cotejo process (pid ${holderPid}) holds the data directory ${path.dirname(lockFile)}. ` +
        'Stop it first, or use DATABASE_URL with a PostgreSQL server to run several processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Lock files this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>();

export interface DirLock {
  release(): void;
}

/** Takes the lock file in `dir` or throws DataDirLockedError when a live process holds it. */
export function lockDataDir(dir: string): DirLock {
  const file = path.join(dir, 'cotejo.lock');
  if (heldHere.has(file)) throw new DataDirLockedError(file, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(
        fd,
        JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
      );
      closeSync(fd);
      heldHere.add(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && isAlive(holder.pid) && holder.host === os.hostname()) {
        throw new DataDirLockedError(file, holder.pid);
      }
      // A stale lock from a process that died without releasing it: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

function readHolder(file: string): { pid: number; host: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  // Our own pid in a file we do not hold means a previous run with the same pid (containers): stale.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
