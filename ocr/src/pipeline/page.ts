import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OcrEngine, OcrLanguages, PageResult, RawImage } from '../types.js';
import { assembleWords, meanConfidence, orderWords, type PlacedWord } from './assemble.js';
import { MIN_TEXT_LAYER_CHARS, scoreGarbage, textLayerUsable } from './garbage.js';
import { encodeDisplay, renderDisplay, renderPage, resizeRaw } from './rasterize.js';
import { recognizeRaw } from './recognize.js';
import { findScanImage, largestImageCoverage } from './scan-image.js';
import { extractTextLayerWords } from './text-layer.js';

export interface ProcessPageOptions {
  languages: OcrLanguages;
  ocr: OcrEngine;
  /** Display image resolution; default DEFAULT_DISPLAY_DPI (100). */
  displayDpi?: number;
  /** Thumbnail width in pixels; default 200. */
  thumbWidth?: number;
  /** Tesseract page segmentation mode; default 4 (tables). */
  psm?: number;
  /** Skip the text layer and OCR every page (for evaluation). */
  forceOcr?: boolean;
}

/**
 * Display image resolution. 100 DPI (827 × 1170 px for A4) fills a desktop viewer's width without
 * upscaling and stays legible when zoomed; against 150 DPI it halves the raster and WebP cost
 * (docs/benchmarks.md, "Pipeline"). The viewer scales the image to the page's size in points and
 * places words by page fractions, so any resolution works; pass `displayDpi` for sharper images.
 */
export const DEFAULT_DISPLAY_DPI = 100;

/** Resolution for rendering a page that has to be OCRed and has no single scan image. */
export const OCR_RENDER_DPI = 300;
// A scan below this is upsampled and above the next one downsampled: Tesseract reads 10-pt type best near 300 DPI.
const MIN_SCAN_DPI = 150;
const MAX_SCAN_DPI = 450;

/** Runs text-layer → rasterize → recognize → assemble for one PDF page. */
export async function processPdfPage(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  options: ProcessPageOptions,
): Promise<PageResult> {
  const viewport = page.getViewport({ scale: 1 });
  const size = { width: round2(viewport.width), height: round2(viewport.height) };
  const displayDpi = options.displayDpi ?? DEFAULT_DISPLAY_DPI;
  const thumbWidth = options.thumbWidth ?? 200;
  const layerWords = options.forceOcr ? [] : await extractTextLayerWords(page);
  const report = scoreGarbage(layerWords.map((w) => w.text));
  const largeImage =
    report.chars > 0 && report.chars < MIN_TEXT_LAYER_CHARS && (await largestImageCoverage(page)) > 0.5;
  if (textLayerUsable(report, largeImage)) {
    const placed = layerWords.map((w, i) => (report.garbled[i] ? { ...w, confidence: 0, garbled: true } : w));
    const images = await renderDisplay(doc, page, displayDpi, thumbWidth);
    return finish(page.pageNumber, size, 'text-layer', placed, images);
  }
  const scan = await findScanImage(page);
  const ocrImage = scan
    ? await normaliseScanResolution(scan.image, viewport.width)
    : await renderPage(doc, page, OCR_RENDER_DPI);
  const placement = scan?.placement ?? { x0: 0, y0: 0, x1: viewport.width, y1: viewport.height };
  const [{ words }, images] = await Promise.all([
    recognizeRaw(ocrImage, placement, options),
    resizeRaw(ocrImage, Math.round((viewport.width * displayDpi) / 72)).then((display) =>
      encodeDisplay(display, { thumbWidth }),
    ),
  ]);
  return finish(page.pageNumber, size, 'ocr', words, images);
}

async function normaliseScanResolution(image: RawImage, pageWidthPt: number): Promise<RawImage> {
  const dpi = (image.width * 72) / pageWidthPt;
  if (dpi >= MIN_SCAN_DPI && dpi <= MAX_SCAN_DPI) return image;
  return resizeRaw(image, Math.round((pageWidthPt * OCR_RENDER_DPI) / 72));
}

/** Orders words, builds text and boxes, and wraps up the page result. */
export function finish(
  number: number,
  size: { width: number; height: number },
  source: PageResult['source'],
  placed: PlacedWord[],
  images: Pick<PageResult, 'display' | 'thumbnail'>,
): PageResult {
  const { words, text } = assembleWords(orderWords(placed), size);
  const confidence = source === 'text-layer' && words.length === 0 ? 100 : meanConfidence(words);
  return { number, ...size, source, text, words, meanConfidence: confidence, ...images };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
