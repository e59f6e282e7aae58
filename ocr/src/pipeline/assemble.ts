import type { BBox, Word } from '../types.js';

/** A positioned word before line assignment; `garbled` only comes from the text layer. */
export interface PlacedWord {
  text: string;
  bbox: BBox;
  confidence: number;
  garbled?: boolean;
  /** The OCR engine's line; when every word has one, its grouping and order are kept. */
  lineKey?: string;
}

interface Line {
  top: number;
  bottom: number;
  words: PlacedWord[];
}

/**
 * Groups words into lines by vertical overlap with the line's running extent, then orders lines
 * top to bottom and words left to right. Overlap is measured against the smaller of the two
 * heights so a tall cell does not swallow the neighbouring rows of a table.
 */
export function orderWords(words: readonly PlacedWord[]): PlacedWord[][] {
  if (words.length > 0 && words.every((w) => w.lineKey !== undefined)) return engineLines(words);
  const sorted = [...words].sort((a, b) => centreY(a) - centreY(b) || a.bbox.x0 - b.bbox.x0);
  const lines: Line[] = [];
  for (const word of sorted) {
    const line = lines.find((candidate) => sharesLine(candidate, word));
    if (line) {
      line.words.push(word);
      line.top = Math.min(line.top, word.bbox.y0);
      line.bottom = Math.max(line.bottom, word.bbox.y1);
    } else {
      lines.push({ top: word.bbox.y0, bottom: word.bbox.y1, words: [word] });
    }
  }
  lines.sort((a, b) => a.top + a.bottom - (b.top + b.bottom));
  return lines.map((line) => dedupeOverprint(line.words.sort((a, b) => a.bbox.x0 - b.bbox.x0)));
}

/**
 * Tesseract finds lines on the deskewed image; mapped back onto a skewed scan, a table row drifts
 * by more than a row height across the page, so regrouping by geometry would merge rows.
 */
function engineLines(words: readonly PlacedWord[]): PlacedWord[][] {
  const lines = new Map<string, PlacedWord[]>();
  for (const word of words) lines.set(word.lineKey ?? '', [...(lines.get(word.lineKey ?? '') ?? []), word]);
  return [...lines.values()];
}

function centreY(word: PlacedWord): number {
  return (word.bbox.y0 + word.bbox.y1) / 2;
}

function sharesLine(line: Line, word: PlacedWord): boolean {
  const overlap = Math.min(line.bottom, word.bbox.y1) - Math.max(line.top, word.bbox.y0);
  const height = Math.min(line.bottom - line.top, word.bbox.y1 - word.bbox.y0);
  return height > 0 && overlap / height > 0.5;
}

/** Drops repeated identical words at the same spot: PDFs fake bold by drawing text several times. */
function dedupeOverprint(words: PlacedWord[]): PlacedWord[] {
  return words.filter((word, i) => {
    const prev = words.slice(Math.max(0, i - 4), i);
    return !prev.some((p) => p.text === word.text && Math.abs(p.bbox.x0 - word.bbox.x0) < 1.5);
  });
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Turns ordered lines into public words (points and page fractions) plus the page text. */
export function assembleWords(
  lines: PlacedWord[][],
  page: { width: number; height: number },
): { words: Word[]; text: string } {
  const words: Word[] = [];
  lines.forEach((line, lineIndex) => {
    for (const w of line) words.push(toWord(w, lineIndex, page));
  });
  const text = lines.map((line) => line.map((w) => w.text).join(' ')).join('\n');
  return { words, text };
}

function toWord(w: PlacedWord, line: number, page: { width: number; height: number }): Word {
  const bbox = {
    x0: round(Math.max(0, w.bbox.x0), 2),
    y0: round(Math.max(0, w.bbox.y0), 2),
    x1: round(Math.min(page.width, w.bbox.x1), 2),
    y1: round(Math.min(page.height, w.bbox.y1), 2),
  };
  const box = {
    x: round(bbox.x0 / page.width, 5),
    y: round(bbox.y0 / page.height, 5),
    w: round((bbox.x1 - bbox.x0) / page.width, 5),
    h: round((bbox.y1 - bbox.y0) / page.height, 5),
  };
  const word: Word = { text: w.text, bbox, box, confidence: round(w.confidence, 1), line };
  if (w.garbled) word.garbled = true;
  return word;
}

/** Mean of word confidences weighted by word length; 0 for a page with no words. */
export function meanConfidence(words: readonly { text: string; confidence: number }[]): number {
  let total = 0;
  let weight = 0;
  for (const w of words) {
    total += w.confidence * w.text.length;
    weight += w.text.length;
  }
  return weight === 0 ? 0 : round(total / weight, 1);
}
