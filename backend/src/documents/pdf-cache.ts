/**
 * Open PDFs shared by the page jobs of one document, so a 500-page document is parsed once per
 * process instead of once per page. Handles close after a short idle time.
 */
import { openPdf, type PdfHandle } from '@cotejo/ocr';
import type { Storage } from '../storage/storage.js';

export interface PdfCache {
  withPdf<T>(document: { id: string; storageKey: string }, use: (pdf: PdfHandle) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Entry {
  handle: Promise<PdfHandle>;
  users: number;
  timer?: NodeJS.Timeout;
}

/** A cache reading originals from `storage`; idle handles close after `idleMs`. */
export function createPdfCache(storage: Storage, idleMs = 10_000): PdfCache {
  const entries = new Map<string, Entry>();
  const evict = (id: string, entry: Entry) => {
    entries.delete(id);
    void entry.handle.then((pdf) => pdf.close()).catch(() => undefined);
  };
  return {
    async withPdf(document, use) {
      let entry = entries.get(document.id);
      if (!entry) {
        entry = { handle: storage.get(document.storageKey).then((bytes) => openPdf(bytes)), users: 0 };
        entries.set(document.id, entry);
      }
      clearTimeout(entry.timer);
      entry.users++;
      const current = entry;
      try {
        return await use(await current.handle);
      } catch (error) {
        // A handle that failed to open must not be served to the next page.
        if (entries.get(document.id) === current) entries.delete(document.id);
        throw error;
      } finally {
        if (--current.users === 0 && entries.get(document.id) === current) {
          current.timer = setTimeout(() => evict(document.id, current), idleMs);
          current.timer.unref();
        }
      }
    },
    async close() {
      for (const [id, entry] of [...entries]) {
        clearTimeout(entry.timer);
        evict(id, entry);
      }
      await Promise.resolve();
    },
  };
}
