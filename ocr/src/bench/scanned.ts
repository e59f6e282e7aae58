import { readFileSync } from 'node:fs';
import { editDistance, tokenize } from '../metrics.js';
import { openPdfDocument } from '../pdfjs.js';
import { OCR_RENDER_DPI } from '../pipeline/page.js';
import { renderPage } from '../pipeline/rasterize.js';
import { findScanImage } from '../pipeline/scan-image.js';
import type { OcrEngine, OcrLanguages, RawImage } from '../types.js';
import { childrenCpuMs, ownCpuMs } from './cpu.js';
import { ocrLanguagesFor, type FixtureDoc } from './fixtures.js';

/** A page image exactly as the pipeline would hand it to OCR, with its reference text. */
export interface OcrSample {
  id: string;
  image: RawImage;
  languages: OcrLanguages;
  truth: string;
  dpi: number;
}

/** Extracts the OCR input of every scanned fixture page once, so every engine sees the same pixels. */
export async function loadScannedSamples(docs: FixtureDoc[], pageLimit = Infinity): Promise<OcrSample[]> {
  const samples: OcrSample[] = [];
  for (const fixture of docs) {
    const { doc, task } = await openPdfDocument(readFileSync(fixture.pdfPath));
    try {
      for (const truthPage of fixture.pages) {
        if (samples.length >= pageLimit) return samples;
        const page = await doc.getPage(truthPage.number);
        const scan = await findScanImage(page);
        const image = scan?.image ?? (await renderPage(doc, page, OCR_RENDER_DPI));
        samples.push({
          id: `${fixture.name}#${truthPage.number}`,
          image,
          languages: ocrLanguagesFor(fixture.language),
          truth: truthPage.text,
          dpi: (image.width * 72) / page.getViewport({ scale: 1 }).width,
        });
      }
    } finally {
      await task.destroy();
    }
  }
  return samples;
}

/**
 * Starts an engine's workers before it is timed (start-up is not per-page cost): one language at a
 * time, `perLanguage` pages at once, so a pool that keeps workers per language has them all ready.
 */
export async function warmUp(
  engine: OcrEngine,
  samples: OcrSample[],
  perLanguage: number,
  psm: number,
): Promise<void> {
  for (const language of new Set(samples.map((s) => s.languages))) {
    const pages = samples.filter((s) => s.languages === language).slice(0, perLanguage);
    await runEngine('warm-up', engine, pages, psm);
  }
}

export interface EngineRun {
  label: string;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  /** Corpus WER: total word edits over total reference words. */
  wer: number;
  /** CPU seconds per page (own threads + child processes): comparable even on a busy machine. */
  cpuSecondsPerPage?: number;
  perPage: { id: string; wer: number }[];
}

/** OCRs all samples concurrently through one engine (its own concurrency limit applies) and scores them. */
export async function runEngine(
  label: string,
  engine: OcrEngine,
  samples: OcrSample[],
  psm: number,
): Promise<EngineRun> {
  const started = performance.now();
  const cpuBefore = ownCpuMs() + (childrenCpuMs() ?? 0);
  const texts = await Promise.all(
    samples.map((s) => engine.recognize(s.image, { languages: s.languages, psm, dpi: s.dpi })),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (ownCpuMs() + (childrenCpuMs() ?? 0) - cpuBefore) / 1000;
  let edits = 0;
  let words = 0;
  const perPage = samples.map((sample, i) => {
    const ref = tokenize(sample.truth);
    const distance = editDistance(ref, tokenize(texts[i]?.text ?? ''));
    edits += distance;
    words += ref.length;
    return { id: sample.id, wer: round(distance / Math.max(1, ref.length)) };
  });
  return {
    label,
    pages: samples.length,
    seconds: round(seconds),
    pagesPerSecond: round(samples.length / seconds),
    wer: round(edits / Math.max(1, words)),
    cpuSecondsPerPage: round(cpuSeconds / samples.length),
    perPage,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
