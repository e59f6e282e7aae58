// One benchmark thread or process: its own pdfjs and sharp, processing born-digital pages when told to go.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { openPdf } from '../document.js';
import type { OcrEngine } from '../types.js';
import { ownCpuMs } from './cpu.js';

interface Job {
  files: string[];
  rounds: number;
  displayDpi?: number;
}

// Born-digital pages never reach OCR; if one does, the benchmark should fail loudly.
const noOcr: OcrEngine = {
  kind: 'tesseractjs',
  recognize: () => Promise.reject(new Error('born-digital page fell through to OCR')),
  close: () => Promise.resolve(),
};

async function processAll(files: Buffer[], rounds: number, displayDpi?: number): Promise<number> {
  let pages = 0;
  for (let round = 0; round < rounds; round++) {
    for (const bytes of files) {
      const pdf = await openPdf(bytes);
      for (let n = 1; n <= pdf.pageCount; n++) {
        await pdf.processPage(n, { languages: 'spa', ocr: noOcr, displayDpi });
        pages++;
      }
      await pdf.close();
    }
  }
  return pages;
}

/** The parent, as a thread's port or a forked process's IPC channel (the job then comes in argv). */
const parent = parentPort
  ? {
      job: workerData as Job,
      send: (message: unknown) => parentPort!.postMessage(message),
      onGo: (go: () => void) => parentPort!.once('message', go),
    }
  : {
      job: JSON.parse(process.argv[2] ?? '{}') as Job,
      send: (message: unknown) => process.send!(message),
      onGo: (go: () => void) => process.once('message', go),
    };
// A forked benchmark process never outlives its parent.
if (!parentPort) process.once('disconnect', () => process.exit(0));

async function main(): Promise<void> {
  // One libvips thread per benchmark thread: the threads themselves already fill the cores.
  sharp.concurrency(1);
  const { job } = parent;
  const files = job.files.map((file) => readFileSync(file));
  // One untimed pass first: the figure is a long-running worker's steady rate, not V8's warm-up
  // (the first pass over the fixtures costs ~15 % more CPU a page while the code is optimised).
  await processAll(files, 1, job.displayDpi);
  parent.send({ type: 'ready' });
  parent.onGo(() => {
    const started = performance.now();
    const cpuBefore = ownCpuMs();
    processAll(files, job.rounds, job.displayDpi).then(
      (pages) =>
        parent.send({ type: 'done', pages, ms: performance.now() - started, cpuMs: ownCpuMs() - cpuBefore }),
      (error: unknown) => parent.send({ type: 'error', message: String(error) }),
    );
  });
}

void main();
