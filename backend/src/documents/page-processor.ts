/**
 * Where a page's heavy work (pdfjs, sharp, OCR) runs. `inline`: in this thread, with one shared
 * OCR pool (tesseract.js itself runs in worker threads, but pdfjs parsing and rendering do not).
 * `threaded` (page-threads.ts): in worker threads, so the HTTP event loop of an embedded server
 * is never blocked by a page.
 */
import { createOcrPool, type OcrLanguages, type PageResult } from '@cotejo/ocr';
import type { Storage } from '../storage/storage.js';
import { createPdfCache } from './pdf-cache.js';

export interface PageProcessor {
  process(
    document: { id: string; storageKey: string },
    page: number,
    languages: OcrLanguages,
  ): Promise<PageResult>;
  close(): Promise<void>;
}

export interface PageProcessorOptions {
  /** OCR recognitions at once. */
  concurrency: number;
  engine: 'tesseractjs' | 'native' | 'auto';
}

/** Pages processed in the calling thread; the OCR pool is created on first use (~200 MB per worker). */
export function createInlinePageProcessor(storage: Storage, options: PageProcessorOptions): PageProcessor {
  const pdfs = createPdfCache(storage);
  let ocr: ReturnType<typeof createOcrPool> | undefined;
  return {
    process: (document, page, languages) =>
      pdfs.withPdf(document, (pdf) =>
        pdf.processPage(page, {
          languages,
          ocr: (ocr ??= createOcrPool({ size: options.concurrency, engine: options.engine })),
        }),
      ),
    async close() {
      await pdfs.close();
      await ocr?.close();
      ocr = undefined;
    },
  };
}
