import { mapPdfjsError, openPdfDocument } from './pdfjs.js';
import { processPdfPage, type ProcessPageOptions } from './pipeline/page.js';
import type { PageResult } from './types.js';

/** An open PDF whose pages can be processed one at a time, in any order (per-page jobs). */
export interface PdfHandle {
  readonly pageCount: number;
  processPage(number: number, options: ProcessPageOptions): Promise<PageResult>;
  close(): Promise<void>;
}

/** Opens a PDF for page-by-page processing; call close() when done. Run preflightPdf first for limits. */
export async function openPdf(bytes: Uint8Array): Promise<PdfHandle> {
  const { doc, task } = await openPdfDocument(bytes);
  let closed = false;
  return {
    pageCount: doc.numPages,
    async processPage(number, options) {
      if (closed) throw new Error('PdfHandle is closed');
      if (!Number.isInteger(number) || number < 1 || number > doc.numPages) {
        throw new RangeError(`Page ${number} is outside 1..${doc.numPages}`);
      }
      const page = await doc.getPage(number).catch((error: unknown) => {
        throw mapPdfjsError(error);
      });
      try {
        return await processPdfPage(doc, page, options);
      } finally {
        page.cleanup();
      }
    },
    async close() {
      closed = true;
      await task.destroy().catch(() => undefined);
    },
  };
}
