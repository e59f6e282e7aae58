// One benchmark thread: its own pdfjs and sharp, processing born-digital pages when told to go.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { openPdf } from '../document.js';
import type { OcrEngine } from '../types.js';

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

async function main(): Promise<void> {
  // One libvips thread per benchmark thread: the threads themselves already fill the cores.
  sharp.concurrency(1);
  const job = workerData as Job;
  const files = job.files.map((file) => readFileSync(file));
  // One untimed pass first: the figure is a long-running worker's steady rate, not V8's warm-up
  // (the first pass over the fixtures costs ~15 % more CPU a page while the code is optimised).
  await processAll(files, 1, job.displayDpi);
  parentPort?.postMessage({ type: 'ready' });
  parentPort?.once('message', () => {
    const started = performance.now();
    processAll(files, job.rounds, job.displayDpi).then(
      (pages) => parentPort?.postMessage({ type: 'done', pages, ms: performance.now() - started }),
      (error: unknown) => parentPort?.postMessage({ type: 'error', message: String(error) }),
    );
  });
}

void main();
