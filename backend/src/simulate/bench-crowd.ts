/**
 * `cotejo bench crowd`: simulated volunteers over HTTP (guests: lease, then submit) against the real
 * app on the configured database. Reports submissions per second, latency percentiles, tasks
 * leased beyond need and acknowledged submissions missing from the database.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { transcriptions } from '../db/schema.js';
import { prepareVolunteers, startVolunteersProcess, type VolunteerOptions } from './bench-volunteers.js';
import { overLeasedNow } from './metrics.js';

/** The warm-up before the measured window: the same load, counted apart. */
export interface WarmupReport {
  seconds: number;
  submissions: number;
  p50Ms: number;
  p99Ms: number;
  leaseP99Ms: number;
  errors: number;
}

export interface BenchReport {
  volunteers: number;
  /** The submissions per second offered (--rate), or null when volunteers went flat out. */
  offeredRate: number | null;
  /** The warm-up (null without one); every other figure is the measured window's. */
  warmup: WarmupReport | null;
  seconds: number;
  submissions: number;
  submissionsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  leaseP50Ms: number;
  leaseP99Ms: number;
  /** Leases beyond need, sampled every second through warm-up and window. */
  overAssigned: number;
  /** Acknowledged submissions (warm-up and window) missing from the database. */
  lost: number;
  errors: number;
  /** Failed requests by error code (`lease:…` or `submit:…`). */
  errorCodes: Record<string, number>;
  /**
   * CPU milliseconds of this process per submission: the app (unless --url), and the simulated
   * volunteers too when they run in it.
   */
  processCpuMsPerSubmission: number;
  /** CPU milliseconds of the volunteers' own process per submission (null when they share this one). */
  volunteersCpuMsPerSubmission: number | null;
  /** CPU milliseconds of every local `postgres` process per submission (null when not visible). */
  postgresCpuMsPerSubmission: number | null;
}

/** User + system CPU milliseconds of each local `postgres` process, read from /proc (Linux). */
async function postgresCpuMs(): Promise<Map<string, number> | null> {
  try {
    const { readdir, readFile } = await import('node:fs/promises');
    const tick = 10; // USER_HZ is 100 on Linux
    const byPid = new Map<string, number>();
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * tick);
    }
    return byPid.size ? byPid : null;
  } catch {
    return null;
  }
}

/** CPU spent between two readings by the processes alive at the second (new ones count whole). */
function cpuBetween(before: Map<string, number> | null, after: Map<string, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

async function lostOf(db: Db, ids: string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(transcriptions)
      .where(inArray(transcriptions.id, chunk));
    found += rows[0]?.n ?? 0;
  }
  return ids.length - found;
}

/** Runs the benchmark against `baseUrls`; `db` is the app's database (to check what was stored). */
export async function benchCrowd(
  o: VolunteerOptions & {
    db: Db;
    projectId: string;
    /**
     * Run the volunteers in a child process (the CLI), so this process's CPU is the app's alone;
     * otherwise they share this process (tests run from TypeScript sources).
     */
    separateVolunteers?: boolean;
  },
): Promise<BenchReport> {
  const volunteers = o.separateVolunteers ? await startVolunteersProcess(o) : await prepareVolunteers(o);
  // CPU is counted over the measured window only: read when it starts (after any warm-up).
  let pgCpuBefore: Promise<Map<string, number> | null> = Promise.resolve(null);
  let cpuBefore = process.cpuUsage();
  let overAssigned = 0;
  const sampler = setInterval(() => {
    void overLeasedNow(o.db, [o.projectId], new Date())
      .then((n) => (overAssigned += n))
      .catch(() => undefined);
  }, 1000);
  const t = await volunteers
    .run(() => {
      cpuBefore = process.cpuUsage();
      pgCpuBefore = postgresCpuMs();
    })
    .finally(() => clearInterval(sampler));
  const cpu = process.cpuUsage(cpuBefore);
  const pgCpu = cpuBetween(await pgCpuBefore, await postgresCpuMs());
  const { measured, warmup } = t;
  const per = (ms: number) => ms / Math.max(1, measured.acknowledged);
  const submit = sorted(measured.submitMs);
  const lease = sorted(measured.leaseMs);
  return {
    volunteers: o.volunteers,
    offeredRate: o.rate ?? null,
    warmup: o.warmupSeconds
      ? {
          seconds: o.warmupSeconds,
          submissions: warmup.acknowledged,
          p50Ms: percentile(sorted(warmup.submitMs), 0.5),
          p99Ms: percentile(sorted(warmup.submitMs), 0.99),
          leaseP99Ms: percentile(sorted(warmup.leaseMs), 0.99),
          errors: warmup.errors,
        }
      : null,
    seconds: t.elapsed,
    submissions: measured.acknowledged,
    submissionsPerSec: measured.acknowledged / t.elapsed,
    p50Ms: percentile(submit, 0.5),
    p99Ms: percentile(submit, 0.99),
    leaseP50Ms: percentile(lease, 0.5),
    leaseP99Ms: percentile(lease, 0.99),
    overAssigned,
    lost: await lostOf(o.db, t.acknowledgedIds),
    errors: measured.errors,
    errorCodes: measured.codes,
    processCpuMsPerSubmission: per((cpu.user + cpu.system) / 1000),
    volunteersCpuMsPerSubmission: t.cpuMs === null ? null : per(t.cpuMs),
    postgresCpuMsPerSubmission: pgCpu === null ? null : per(pgCpu),
  };
}
