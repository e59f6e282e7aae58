/**
 * `cotejo bench crowd`: simulated volunteers over HTTP (guests: lease, then submit) against the real
 * app on the configured database. Reports submissions per second, latency percentiles, tasks
 * leased beyond need and acknowledged submissions missing from the database.
 */
import { randomBytes } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { transcriptions } from '../db/schema.js';
import { BenchClient } from './bench-client.js';
import { BENCH_VALUES } from './bench-seed.js';
import { overLeasedNow } from './metrics.js';
import { seeded, type Rng } from './random.js';
import { corrupt } from './errors.js';

export interface BenchReport {
  volunteers: number;
  seconds: number;
  submissions: number;
  submissionsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  leaseP50Ms: number;
  leaseP99Ms: number;
  overAssigned: number;
  lost: number;
  errors: number;
  /** Failed requests by error code (`lease:…` or `submit:…`). */
  errorCodes: Record<string, number>;
  /** CPU milliseconds of this process (the app, unless --url, and the simulated clients) per submission. */
  processCpuMsPerSubmission: number;
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

function values(wanted: string[], rng: Rng): Record<string, string> {
  const all = BENCH_VALUES as Record<string, string>;
  return Object.fromEntries(
    wanted.map((k) => [k, rng() < 0.03 ? corrupt(all[k] ?? '', 'digit', rng) : (all[k] ?? '')]),
  );
}

interface Tally {
  submitMs: number[];
  leaseMs: number[];
  acknowledged: string[];
  errors: number;
  codes: Record<string, number>;
}

function countError(t: Tally, what: string, res: { status: number; body: Record<string, unknown> }): void {
  t.errors++;
  const error = res.body.error as { code?: string } | undefined;
  const key = `${what}:${error?.code ?? res.status}`;
  t.codes[key] = (t.codes[key] ?? 0) + 1;
}

async function volunteerLoop(
  client: BenchClient,
  slug: string,
  until: number,
  rng: Rng,
  t: Tally,
): Promise<void> {
  while (Date.now() < until) {
    let started = performance.now();
    const lease = await client.send('POST', `/api/v1/projects/${slug}/tasks/next`);
    t.leaseMs.push(performance.now() - started);
    if (lease.status !== 200) {
      if (lease.status !== 404) countError(t, 'lease', lease);
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const task = (lease.body as { task: { id: string; fields: string[] } }).task;
    started = performance.now();
    const body = {
      clientSubmissionId: `bench-${randomBytes(8).toString('hex')}`,
      values: values(task.fields, rng),
      secondsSpent: 30,
    };
    const res = await client.send('POST', `/api/v1/tasks/${task.id}/transcriptions`, body);
    if (Date.now() < until) t.submitMs.push(performance.now() - started);
    if (res.status === 201)
      t.acknowledged.push((res.body as { transcription: { id: string } }).transcription.id);
    else countError(t, 'submit', res);
  }
}

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
export async function benchCrowd(o: {
  /** One app, or several processes of it on the same database (volunteers spread round-robin). */
  baseUrls: string[];
  db: Db;
  projectId: string;
  slug: string;
  volunteers: number;
  seconds: number;
  seed: number;
}): Promise<BenchReport> {
  const clients = Array.from(
    { length: o.volunteers },
    (_, i) => new BenchClient(o.baseUrls[i % o.baseUrls.length]!),
  );
  for (let i = 0; i < clients.length; i += 20)
    await Promise.all(clients.slice(i, i + 20).map((c) => c.startGuest()));
  const t: Tally = { submitMs: [], leaseMs: [], acknowledged: [], errors: 0, codes: {} };
  const pgCpuBefore = await postgresCpuMs();
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const until = started + o.seconds * 1000;
  let overAssigned = 0;
  const sampler = setInterval(() => {
    void overLeasedNow(o.db, [o.projectId], new Date())
      .then((n) => (overAssigned += n))
      .catch(() => undefined);
  }, 1000);
  await Promise.all(clients.map((c, i) => volunteerLoop(c, o.slug, until, seeded(o.seed + i), t)));
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const pgCpu = cpuBetween(pgCpuBefore, await postgresCpuMs());
  const per = (ms: number) => ms / Math.max(1, t.acknowledged.length);
  const submit = [...t.submitMs].sort((a, b) => a - b);
  const lease = [...t.leaseMs].sort((a, b) => a - b);
  return {
    volunteers: o.volunteers,
    seconds: elapsed,
    submissions: t.acknowledged.length,
    submissionsPerSec: t.acknowledged.length / elapsed,
    p50Ms: percentile(submit, 0.5),
    p99Ms: percentile(submit, 0.99),
    leaseP50Ms: percentile(lease, 0.5),
    leaseP99Ms: percentile(lease, 0.99),
    overAssigned,
    lost: await lostOf(o.db, t.acknowledged),
    errors: t.errors,
    errorCodes: t.codes,
    processCpuMsPerSubmission: per((cpu.user + cpu.system) / 1000),
    postgresCpuMsPerSubmission: pgCpu === null ? null : per(pgCpu),
  };
}
