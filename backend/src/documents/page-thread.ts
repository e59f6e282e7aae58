/**
 * One page-processing worker thread: its own pdfjs, sharp and a one-worker OCR pool. It reads the
 * original from the local path it is given and keeps the last few documents open.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createOcrPool, isPipelineError, openPdf, type PdfHandle } from '@cotejo/ocr';
import type { PageRequest, PageReply } from './page-threads.js';

const { engine } = workerData as { engine: 'tesseractjs' | 'native' | 'auto' };
const ocr = createOcrPool({ size: 1, engine });
const open = new Map<string, Promise<PdfHandle>>();
const KEEP_OPEN = 2;

function pdfFor(documentId: string, file: string): Promise<PdfHandle> {
  let handle = open.get(documentId);
  if (handle) open.delete(documentId);
  else handle = readFile(file).then((bytes) => openPdf(bytes));
  open.set(documentId, handle); // most recently used last
  while (open.size > KEEP_OPEN) {
    const [oldest, stale] = open.entries().next().value!;
    open.delete(oldest);
    void stale.then((pdf) => pdf.close()).catch(() => undefined);
  }
  return handle;
}

async function handle(request: PageRequest): Promise<PageReply> {
  try {
    const pdf = await pdfFor(request.documentId, request.file);
    const result = await pdf.processPage(request.page, { languages: request.languages, ocr });
    return { id: request.id, result };
  } catch (error) {
    open.delete(request.documentId);
    const e = error as Error & { code?: string; details?: unknown };
    return {
      id: request.id,
      error: {
        pipeline: isPipelineError(error),
        code: e.code,
        message: e.message ?? String(error),
        details: e.details,
      },
    };
  }
}

parentPort!.on('message', (message: PageRequest | 'close') => {
  if (message === 'close') {
    void Promise.all([...open.values()].map((p) => p.then((pdf) => pdf.close()).catch(() => undefined)))
      .then(() => ocr.close())
      .finally(() => parentPort!.close());
    return;
  }
  void handle(message).then((reply) => parentPort!.postMessage(reply));
});
