// CPU per step of every page of some PDFs, in this thread (shared by the profile-*.ts scripts).
// The first pass is a warm-up and is not counted; the rest are averaged per page.
import { loadavg } from 'node:os';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ownCpuMs } from '../src/bench/cpu.js';
import { openPdfDocument } from '../src/pdfjs.js';

/** Times one named step; CPU adds up per name. */
export type Step = <T>(name: string, run: () => T | Promise<T>) => Promise<T>;

/** Runs `perPage` over every page of `files`, `rounds` times after a warm-up pass. */
export async function profilePages(
  files: Uint8Array[],
  rounds: number,
  perPage: (doc: PDFDocumentProxy, page: PDFPageProxy, step: Step) => Promise<void>,
) {
  const totals: Record<string, number> = {};
  const step: Step = async (name, run) => {
    const before = ownCpuMs();
    const result = await run();
    totals[name] = (totals[name] ?? 0) + ownCpuMs() - before;
    return result;
  };
  const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  let pages = 0;
  for (let round = 0; round <= rounds; round++) {
    if (round === 1) {
      for (const key of Object.keys(totals)) delete totals[key];
      pages = 0;
    }
    for (const bytes of files) {
      const { doc, task } = await step('open', () => openPdfDocument(bytes));
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await step('getPage', () => doc.getPage(n));
        await perPage(doc, page, step);
        page.cleanup();
        pages++;
      }
      await step('close', () => task.destroy());
    }
  }
  const cpuMsPerPage = Object.fromEntries(
    Object.entries(totals).map(([k, v]) => [k, Math.round((v / pages) * 10) / 10]),
  );
  return { pages, loadAverageAtStart, cpuMsPerPage };
}
