// A worker thread for tests: opens one PDF as this thread's first document, renders page 1 once
// (its fonts are registered), says 'ready', and on 'render' renders it again and sends the pixels.
import { parentPort, workerData } from 'node:worker_threads';
import { openPdfDocument } from '../pdfjs.js';
import { renderPage } from '../pipeline/rasterize.js';

const { bytes, dpi } = workerData as { bytes: Uint8Array; dpi: number };
const { doc, task } = await openPdfDocument(bytes);
const page = await doc.getPage(1);
await renderPage(doc, page, dpi);
parentPort!.once('message', () => {
  void renderPage(doc, page, dpi).then(async (raw) => {
    parentPort!.postMessage(raw.data);
    await task.destroy();
  });
});
parentPort!.postMessage('ready');
