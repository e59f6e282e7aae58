/**
 * The simulated volunteers of `cotejo bench crowd`: guests over HTTP that lease a task and submit
 * it, again and again until the deadline, counting latencies, acknowledged submissions and errors.
 * They run in this process (runVolunteers) or, for the CLI, in a child process of their own
 * (this module as the child's entry: `startVolunteersProcess`), so the app's process is measured
 * alone and the volunteers do not take its event loop.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { BenchClient } from './bench-client.js';
import { BENCH_VALUES } from './bench-seed.js';
import { corrupt } from './errors.js';
import { seeded, type Rng } from './random.js';

export interface VolunteerOptions {
  /** One app, or several processes of it on the same database (volunteers spread round-robin). */
  baseUrls: string[];
  slug: string;
  volunteers: number;
  seconds: number;
  seed: number;
  /**
   * Submissions per second offered in all (paced volunteers: each starts a lease-and-submit cycle
   * every volunteers/rate seconds, at once when the last one ran late); unset, each starts its next
   * cycle as soon as its last one ends (the most the app can take).
   */
  rate?: number;
  /**
   * Seconds of the same load before the measured window, counted apart (a server that just
   * started runs cold: V8 has not compiled its hot paths, pooled connections and their prepared
   * statements are not open yet). Unset or 0: everything is measured.
   */
  warmupSeconds?: number;
}

/** What one phase (warm-up or measured window) saw; a cycle belongs to the phase its lease began in. */
export interface Samples {
  submitMs: number[];
  leaseMs: number[];
  /** Submissions acknowledged (201). */
  acknowledged: number;
  errors: number;
  codes: Record<string, number>;
}

export interface Tally {
  /** The measured window. */
  measured: Samples;
  /** The warm-up before it (empty without one). */
  warmup: Samples;
  /** Every acknowledged transcription id, both phases (to check none is lost). */
  acknowledgedIds: string[];
  /** Seconds from the measured window's start to the last volunteer's stop. */
  elapsed: number;
  /**
   * CPU milliseconds the volunteers' own process spent in the measured window (null when in the
   * app's process).
   */
  cpuMs: number | null;
}

const noSamples = (): Samples => ({ submitMs: [], leaseMs: [], acknowledged: 0, errors: 0, codes: {} });

function values(wanted: string[], rng: Rng): Record<string, string> {
  const all = BENCH_VALUES as Record<string, string>;
  return Object.fromEntries(
    wanted.map((k) => [k, rng() < 0.03 ? corrupt(all[k] ?? '', 'digit', rng) : (all[k] ?? '')]),
  );
}

function countError(t: Samples, what: string, res: { status: number; body: Record<string, unknown> }): void {
  t.errors++;
  const error = res.body.error as { code?: string } | undefined;
  const key = `${what}:${error?.code ?? res.status}`;
  t.codes[key] = (t.codes[key] ?? 0) + 1;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function volunteerLoop(
  client: BenchClient,
  slug: string,
  window: { measureFrom: number; until: number },
  rng: Rng,
  t: Tally,
  /** Milliseconds between cycle starts and this volunteer's first start (paced runs). */
  pace?: { everyMs: number; firstMs: number },
): Promise<void> {
  const { measureFrom, until } = window;
  let next = Date.now() + (pace?.firstMs ?? 0);
  while (Date.now() < until) {
    if (pace) {
      if (next >= until) break;
      const wait = next - Date.now();
      if (wait > 0) await sleep(wait);
      next = Math.max(next + pace.everyMs, Date.now());
    }
    const phase = Date.now() >= measureFrom ? t.measured : t.warmup;
    let started = performance.now();
    const lease = await client.send('POST', `/api/v1/projects/${slug}/tasks/next`);
    phase.leaseMs.push(performance.now() - started);
    if (lease.status !== 200) {
      if (lease.status !== 404) countError(phase, 'lease', lease);
      await sleep(50);
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
    if (Date.now() < until) phase.submitMs.push(performance.now() - started);
    if (res.status === 201) {
      phase.acknowledged++;
      t.acknowledgedIds.push((res.body as { transcription: { id: string } }).transcription.id);
    } else countError(phase, 'submit', res);
  }
}

/** Signs the volunteers in as guests; `run` then starts them all at once. */
export interface PreparedVolunteers {
  /** Runs warm-up and window; `atWindow` is called when the measured window starts. */
  run(atWindow?: () => void): Promise<Tally>;
}

export async function prepareVolunteers(o: VolunteerOptions): Promise<PreparedVolunteers> {
  const clients = Array.from(
    { length: o.volunteers },
    (_, i) => new BenchClient(o.baseUrls[i % o.baseUrls.length]!),
  );
  for (let i = 0; i < clients.length; i += 20)
    await Promise.all(clients.slice(i, i + 20).map((c) => c.startGuest()));
  return {
    async run(atWindow?: () => void) {
      const t: Tally = {
        measured: noSamples(),
        warmup: noSamples(),
        acknowledgedIds: [],
        elapsed: 0,
        cpuMs: null,
      };
      const measureFrom = Date.now() + (o.warmupSeconds ?? 0) * 1000;
      const until = measureFrom + o.seconds * 1000;
      const timer = setTimeout(() => atWindow?.(), measureFrom - Date.now());
      const everyMs = o.rate ? (1000 * o.volunteers) / o.rate : 0;
      const pace = (i: number) => (o.rate ? { everyMs, firstMs: (everyMs * i) / o.volunteers } : undefined);
      await Promise.all(
        clients.map((c, i) =>
          volunteerLoop(c, o.slug, { measureFrom, until }, seeded(o.seed + i), t, pace(i)),
        ),
      ).finally(() => clearTimeout(timer));
      t.elapsed = (Date.now() - measureFrom) / 1000;
      return t;
    },
  };
}

type ToChild = { kind: 'options'; options: VolunteerOptions } | { kind: 'go' };
type FromChild =
  | { kind: 'ready' }
  | { kind: 'window' }
  | { kind: 'done'; tally: Tally }
  | { kind: 'failed'; message: string };

/**
 * Starts the volunteers in a child process: resolves once they are signed in, with `run` to start
 * them (the child's CPU is counted from the measured window's start); the child ends with the run
 * or its failure.
 */
export async function startVolunteersProcess(o: VolunteerOptions): Promise<PreparedVolunteers> {
  const self = fileURLToPath(import.meta.url);
  // The same module as the child's entry: compiled (.js) or, run from source through tsx, .ts.
  const child = fork(self, ['--bench-volunteers'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        child.off('exit', onExit);
        resolve(m);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`the volunteers' process ended (${code})`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
    });
  const expect = async <K extends FromChild['kind']>(kind: K) => {
    const m = await next();
    if (m.kind === 'failed') throw new Error(`the volunteers failed: ${m.message}`);
    if (m.kind !== kind) throw new Error(`the volunteers' process sent ${m.kind}, not ${kind}`);
    return m as Extract<FromChild, { kind: K }>;
  };
  try {
    const { baseUrls, slug, volunteers, seconds, seed, rate, warmupSeconds } = o;
    const options = { baseUrls, slug, volunteers, seconds, seed, rate, warmupSeconds };
    child.send({ kind: 'options', options } satisfies ToChild);
    await expect('ready');
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    async run(atWindow) {
      try {
        child.send({ kind: 'go' } satisfies ToChild);
        // The window's start comes first (right away without a warm-up), then the tally.
        await expect('window');
        atWindow?.();
        const { tally } = await expect('done');
        child.disconnect();
        return tally;
      } catch (error) {
        child.kill();
        throw error;
      }
    },
  };
}

/** The child's side: options in, ready, go, the tally with the CPU it spent out. */
function serveAsChild(): void {
  let prepared: Promise<PreparedVolunteers> | undefined;
  const send = (m: FromChild) => process.send!(m);
  process.on('message', (m: ToChild) => {
    void (async () => {
      try {
        if (m.kind === 'options') {
          prepared = prepareVolunteers(m.options);
          await prepared;
          send({ kind: 'ready' });
        } else if (prepared) {
          let before = process.cpuUsage();
          const tally = await (
            await prepared
          ).run(() => {
            before = process.cpuUsage();
            send({ kind: 'window' });
          });
          const cpu = process.cpuUsage(before);
          send({ kind: 'done', tally: { ...tally, cpuMs: (cpu.user + cpu.system) / 1000 } });
        }
      } catch (error) {
        send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--bench-volunteers') && process.send) serveAsChild();
