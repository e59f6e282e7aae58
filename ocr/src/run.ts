import { openPdf } from './document.js';
import { processImage } from './image.js';
import type { ProcessPageOptions } from './pipeline/page.js';
import { hasPdfMagic, preflightPdf, type PreflightLimits } from './pipeline/preflight.js';
import type { BBox, PageResult } from './types.js';

export interface RunPipelineOptions extends ProcessPageOptions {
  /** Called after each page, e.g. for a progress bar. */
  onPage?: (page: PageResult, pageCount: number) => void;
  limits?: PreflightLimits;
}

export const DEFAULT_LIMITS: PreflightLimits = { maxPages: 2000, maxBytes: 100 * 1024 * 1024 };

/** Runs the whole pipeline on a PDF or image in memory (the `cotejo ocr` command); pages in order. */
export async function runPipeline(
  bytes: Uint8Array,
  options: RunPipelineOptions,
): Promise<{ pages: PageResult[] }> {
  if (!hasPdfMagic(bytes)) {
    const result = await processImage(bytes, options);
    result.pages.forEach((page) => options.onPage?.(page, result.pages.length));
    return result;
  }
  await preflightPdf(bytes, options.limits ?? DEFAULT_LIMITS);
  const pdf = await openPdf(bytes);
  try {
    const pages: PageResult[] = [];
    for (let number = 1; number <= pdf.pageCount; number++) {
      const page = await pdf.processPage(number, options);
      pages.push(page);
      options.onPage?.(page, pdf.pageCount);
    }
    return { pages };
  } finally {
    await pdf.close();
  }
}

export interface OcrCommandOutput {
  pages: {
    number: number;
    width: number;
    height: number;
    source: PageResult['source'];
    text: string;
    words: { text: string; bbox: BBox; confidence: number }[];
  }[];
}

/** The JSON printed by `cotejo ocr --json`: pages with text and words, without images. */
export function ocrCommandOutput(result: { pages: PageResult[] }): OcrCommandOutput {
  return {
    pages: result.pages.map((p) => ({
      number: p.number,
      width: p.width,
      height: p.height,
      source: p.source,
      text: p.text,
      words: p.words.map((w) => ({ text: w.text, bbox: w.bbox, confidence: w.confidence })),
    })),
  };
}
