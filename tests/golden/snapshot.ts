import type { OcrLanguages, PageResult } from '@cotejo/ocr';

/** A golden case: what to run, why it matters, and how strictly to compare. */
export interface GoldenCase {
  why: string;
  input: string;
  languages?: OcrLanguages;
  compare: 'exact' | 'codes' | { werTolerance: number; maxWerAgainstTruth?: number };
}

/** The reviewable part of a page result: no image bytes, boxes rounded to 0.1 pt so renders do not churn. */
export interface PageSnapshot {
  number: number;
  width: number;
  height: number;
  source: PageResult['source'];
  text: string;
  words: {
    text: string;
    line: number;
    bbox: [number, number, number, number];
    confidence: number;
    garbled?: true;
  }[];
}

const r1 = (value: number): number => Math.round(value * 10) / 10;

/** Turns a page result into its golden snapshot. */
export function snapshotPage(page: PageResult): PageSnapshot {
  return {
    number: page.number,
    width: page.width,
    height: page.height,
    source: page.source,
    text: page.text,
    words: page.words.map((w) => ({
      text: w.text,
      line: w.line,
      bbox: [r1(w.bbox.x0), r1(w.bbox.y0), r1(w.bbox.x1), r1(w.bbox.y1)],
      confidence: Math.round(w.confidence),
      ...(w.garbled ? { garbled: true as const } : {}),
    })),
  };
}
