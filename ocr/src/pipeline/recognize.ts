import type { BBox, OcrEngine, OcrLanguages, OcrResult } from '../types.js';
import type { PlacedWord } from './assemble.js';
import type { RawImage } from './rasterize.js';

export interface RecognizeStepOptions {
  languages: OcrLanguages;
  ocr: OcrEngine;
  psm?: number;
}

/** OCRs raw pixels and maps each word's pixel box into page points through the image's placement. */
export async function recognizeRaw(
  raw: RawImage,
  placement: BBox,
  options: RecognizeStepOptions,
): Promise<{ words: PlacedWord[]; result: OcrResult }> {
  const dpi = (raw.width * 72) / Math.max(1, placement.x1 - placement.x0);
  const result = await options.ocr.recognize(raw, { languages: options.languages, psm: options.psm, dpi });
  const sx = (placement.x1 - placement.x0) / raw.width;
  const sy = (placement.y1 - placement.y0) / raw.height;
  const words = result.words
    .filter((w) => !isRuleFragment(w.text, w.confidence))
    .map((w) => ({
      text: w.text,
      confidence: w.confidence,
      lineKey: w.lineKey,
      bbox: {
        x0: placement.x0 + w.bbox.x0 * sx,
        y0: placement.y0 + w.bbox.y0 * sy,
        x1: placement.x0 + w.bbox.x1 * sx,
        y1: placement.y0 + w.bbox.y1 * sy,
      },
    }));
  return { words, result };
}

/** Leftovers of table rules read as "|", "_" or a low-confidence dash; never data in a spending table. */
function isRuleFragment(text: string, confidence: number): boolean {
  return /^[|¦_]+$/u.test(text) || (/^[—–]+$/u.test(text) && confidence < 90);
}
