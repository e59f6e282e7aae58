import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../threads.js';
import { ownCpuMs } from './cpu.js';

export interface BornDigitalRun {
  /** How the pages were spread: worker threads in this process, or one process each. */
  mode: 'threads' | 'processes';
  threads: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  /** CPU milliseconds per page over all threads, and the rate that implies on otherwise idle cores. */
  cpuMsPerPage: number;
  pagesPerSecondIfCoresIdle: number;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; pages: number; ms: number; cpuMs: number }
  | { type: 'error'; message: string };

/** A benchmark thread or process, as far as the benchmark talks to it. */
interface Runner {
  send(message: unknown): void;
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'message', listener: (message: WorkerMessage) => void): unknown;
  stop(): Promise<unknown>;
}

// Under tsx the sources are .ts; from dist they are .js.
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './born-digital-worker.ts' : './born-digital-worker.js',
  import.meta.url,
);

/**
 * Born-digital throughput end to end (text layer + display WebP + thumbnail), each of `threads`
 * runners with its own pdfjs (pdfjs runs in the calling thread in Node): worker threads of this
 * process, as the embedded server runs pages, or with `processes` one process each, as one
 * `cotejo worker` per core does (docs/benchmarks.md, "Run 6").
 */
export async function benchBornDigital(
  files: string[],
  threads: number,
  rounds: number,
  /** Display image resolution; the pipeline's default (DEFAULT_DISPLAY_DPI) when absent. */
  displayDpi?: number,
  options: { processes?: boolean } = {},
): Promise<BornDigitalRun> {
  const job = { files, rounds, displayDpi };
  const runners = Array.from({ length: threads }, () =>
    options.processes ? processRunner(job) : threadRunner(job),
  );
  try {
    await Promise.all(runners.map((runner) => nextMessage(runner, 'ready')));
    const started = performance.now();
    const cpuBefore = ownCpuMs();
    runners.forEach((runner) => runner.send('go'));
    const results = await Promise.all(runners.map((runner) => nextMessage(runner, 'done')));
    const seconds = (performance.now() - started) / 1000;
    const done = results.filter((r) => r.type === 'done');
    const pages = done.reduce((sum, r) => sum + r.pages, 0);
    // Threads are counted in this process's CPU; processes report their own.
    const cpuMs = options.processes
      ? done.reduce((sum, r) => sum + r.cpuMs, 0) + ownCpuMs() - cpuBefore
      : ownCpuMs() - cpuBefore;
    const cpuMsPerPage = cpuMs / pages;
    return {
      mode: options.processes ? 'processes' : 'threads',
      threads,
      pages,
      seconds: round(seconds),
      pagesPerSecond: round(pages / seconds),
      cpuMsPerPage: round(cpuMsPerPage),
      pagesPerSecondIfCoresIdle: round((threads * 1000) / cpuMsPerPage),
    };
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
}

function threadRunner(job: unknown): Runner {
  const worker: Worker = startModuleWorker(workerUrl, job);
  return {
    send: (message) => worker.postMessage(message),
    on: (event, listener) => worker.on(event, listener),
    once: (event, listener) => worker.once(event, listener),
    off: (event, listener) => worker.off(event, listener),
    stop: () => worker.terminate(),
  };
}

function processRunner(job: unknown): Runner {
  const script = fileURLToPath(workerUrl);
  // Under tsx a forked process needs tsx's loader for its .ts sources.
  const execArgv = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child: ChildProcess = fork(script, [JSON.stringify(job)], { execArgv, serialization: 'advanced' });
  return {
    send: (message) => child.send(message as string),
    on: (event, listener) => child.on(event, listener),
    once: (event, listener) => child.once(event, listener),
    off: (event, listener) => child.off(event, listener),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
        child.once('exit', resolve);
        child.kill();
      }),
  };
}

function nextMessage(runner: Runner, type: 'ready' | 'done'): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    runner.once('error', reject);
    const listener = (message: WorkerMessage) => {
      runner.off('message', listener);
      if (message.type === 'error') reject(new Error(message.message));
      else if (message.type === type) resolve(message);
      else reject(new Error(`unexpected ${message.type}`));
    };
    runner.on('message', listener);
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
