/**
 * Job worker loops: claim → run the kind's handler → done, retry with backoff, or give up. Several
 * loops run concurrently in one process; several processes may run them against one server.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { isPipelineError } from '@cotejo/ocr';
import type { Db } from '../db/client.js';
import type { JobFailure, JobRegistry } from './registry.js';
import {
  claimNextJob,
  completeJob,
  markJobFailed,
  renewJobLease,
  scheduleRetry,
  type JobRow,
} from './repository.js';

export interface JobWorkerOptions {
  db: Db;
  registry: JobRegistry;
  logger: Logger;
  concurrency: number;
  /** How long a claimed job is ours; past it, another worker may take it (we are presumed dead). */
  leaseSeconds?: number;
  pollMs?: number;
  /** First retry delay; doubles per attempt, capped at 5 minutes. */
  retryBaseMs?: number;
}

export interface JobWorkers {
  readonly owner: string;
  /** Ends the idle wait of every loop (a job was just enqueued in this process). */
  wake(): void;
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** Starts `concurrency` loops taking jobs until stop() is called; stop waits for jobs in flight. */
export function startJobWorkers(options: JobWorkerOptions): JobWorkers {
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const state = { stopped: false, wakers: new Set<() => void>() };
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        state.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      state.wakers.add(done);
    });
  const loop = async () => {
    while (!state.stopped) {
      const job = await claimNextJob(options.db, owner, leaseSecondsOf(options)).catch((err: unknown) => {
        if (!state.stopped) options.logger.error({ err }, 'claiming a job failed');
        return undefined;
      });
      if (job) await runJob(options, owner, job);
      else if (!state.stopped) await idle(options.pollMs ?? 500);
    }
  };
  const loops = Array.from({ length: Math.max(1, options.concurrency) }, loop);
  const wakeAll = () => [...state.wakers].forEach((wake) => wake());
  return {
    owner,
    wake: wakeAll,
    async stop() {
      state.stopped = true;
      wakeAll();
      await Promise.all(loops);
    },
  };
}

const leaseSecondsOf = (options: JobWorkerOptions) => options.leaseSeconds ?? 300;

/**
 * Renews the job's lease every third of its length while the handler runs, so a long page (a huge
 * scan on a busy machine) is not taken over by another worker as if this one had died.
 */
function keepLeased(options: JobWorkerOptions, owner: string, job: JobRow, log: Logger): () => void {
  const seconds = leaseSecondsOf(options);
  const timer = setInterval(
    () => {
      void renewJobLease(options.db, job.id, owner, seconds).then(
        (ours) => ours || log.warn('the job lease was taken over while it ran'),
        (err: unknown) => log.warn({ err }, 'renewing a job lease failed'),
      );
    },
    Math.max(1000, (seconds * 1000) / 3),
  );
  timer.unref();
  return () => clearInterval(timer);
}

async function runJob(options: JobWorkerOptions, owner: string, job: JobRow): Promise<void> {
  const handler = options.registry.handlerFor(job.kind);
  const log = options.logger.child({ job: job.id, kind: job.kind, attempt: job.attempts });
  const stopRenewing = keepLeased(options, owner, job, log);
  try {
    if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
    await handler.run(job.payload as never);
    stopRenewing();
    await completeJob(options.db, job.id, owner);
  } catch (error) {
    stopRenewing();
    const failure = describeFailure(error);
    const permanent = isPipelineError(error) && failure.code !== 'ocr_failed';
    if (!permanent && job.attempts < job.maxAttempts) {
      const delay = Math.min(MAX_BACKOFF_MS, (options.retryBaseMs ?? 2000) * 2 ** (job.attempts - 1));
      log.warn({ err: error, delay }, 'job failed; retrying');
      await scheduleRetry(options.db, job.id, owner, delay, `${failure.code}: ${failure.message}`).catch(
        () => undefined,
      );
      return;
    }
    log.error({ err: error }, 'job failed for good');
    const mine = await markJobFailed(options.db, job.id, owner, `${failure.code}: ${failure.message}`).catch(
      () => false,
    );
    if (mine && handler)
      await handler
        .giveUp(job.payload as never, failure)
        .catch((err: unknown) => log.error({ err }, 'giving up failed'));
  }
}

/** The stable code and message a failed job leaves on its document. */
export function describeFailure(error: unknown): JobFailure {
  if (isPipelineError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal_error', message };
}
