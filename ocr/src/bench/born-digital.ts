import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../threads.js';
import { ownCpuMs } from './cpu.js';

export interface BornDigitalRun {
  threads: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  /** CPU milliseconds per page over all threads, and the rate that implies on otherwise idle cores. */
  cpuMsPerPage: number;
  pagesPerSecondIfCoresIdle: number;
}

type WorkerMessage =
  { type: 'ready' } | { type: 'done'; pages: number; ms: number } | { type: 'error'; message: string };

// Under tsx the sources are .ts; from dist they are .js.
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './born-digital-worker.ts' : './born-digital-worker.js',
  import.meta.url,
);

/**
 * Born-digital throughput end to end (text layer + display WebP + thumbnail) with one worker
 * thread per core, each with its own pdfjs: pdfjs runs in the calling thread in Node.
 */
export async function benchBornDigital(
  files: string[],
  threads: number,
  rounds: number,
  /** Display image resolution; the pipeline's default (DEFAULT_DISPLAY_DPI) when absent. */
  displayDpi?: number,
): Promise<BornDigitalRun> {
  const workers = Array.from({ length: threads }, () =>
    startModuleWorker(workerUrl, { files, rounds, displayDpi }),
  );
  try {
    await Promise.all(workers.map((worker) => nextMessage(worker, 'ready')));
    const started = performance.now();
    const cpuBefore = ownCpuMs();
    workers.forEach((worker) => worker.postMessage('go'));
    const results = await Promise.all(workers.map((worker) => nextMessage(worker, 'done')));
    const seconds = (performance.now() - started) / 1000;
    const pages = results.reduce((sum, r) => sum + (r.type === 'done' ? r.pages : 0), 0);
    const cpuMsPerPage = (ownCpuMs() - cpuBefore) / pages;
    return {
      threads,
      pages,
      seconds: round(seconds),
      pagesPerSecond: round(pages / seconds),
      cpuMsPerPage: round(cpuMsPerPage),
      pagesPerSecondIfCoresIdle: round((threads * 1000) / cpuMsPerPage),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function nextMessage(worker: Worker, type: 'ready' | 'done'): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: WorkerMessage) => {
      if (message.type === 'error') reject(new Error(message.message));
      else if (message.type === type) resolve(message);
      else reject(new Error(`unexpected ${message.type}`));
    });
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
