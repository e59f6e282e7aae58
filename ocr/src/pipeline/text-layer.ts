import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BBox } from '../types.js';
import { loadPdfjs } from '../pdfjs.js';

/** A word taken from the text layer, before reading order and garbage checks. */
export interface RawWord {
  text: string;
  bbox: BBox;
  confidence: number;
}

interface TextItemLike {
  str: string;
  width: number;
  transform: number[];
  fontName: string;
}

interface FontStyle {
  ascent?: number;
  descent?: number;
}

type Matrix = [number, number, number, number, number, number];

/** Reads the page's text layer as words with boxes in points, top-left origin (after page rotation). */
export async function extractTextLayerWords(page: PDFPageProxy): Promise<RawWord[]> {
  const { Util } = await loadPdfjs();
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const styles = content.styles as Record<string, FontStyle>;
  const words: RawWord[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const matrix = Util.transform(viewport.transform, item.transform) as Matrix;
    words.push(...splitItem(item, matrix, styles[item.fontName] ?? {}));
  }
  return words;
}

/**
 * Splits one text run into words. pdfjs gives a run's total advance only, so each word's extent
 * is proportional to its character offset: exact for monospaced text, within a few points otherwise.
 */
function splitItem(item: TextItemLike, m: Matrix, style: FontStyle): RawWord[] {
  const fontHeight = Math.hypot(m[2], m[3]);
  const scaleX = Math.hypot(m[0], m[1]);
  if (fontHeight === 0 || scaleX === 0) return [];
  const dir = { x: m[0] / scaleX, y: m[1] / scaleX };
  // In viewport space (y down) the glyph "up" direction is -(c, d) normalised.
  const up = { x: -m[2] / fontHeight, y: -m[3] / fontHeight };
  const ascent = (style.ascent ?? 0.8) * fontHeight;
  const descent = Math.abs(style.descent ?? -0.2) * fontHeight;
  const perChar = item.str.length > 0 ? item.width / item.str.length : 0;
  const words: RawWord[] = [];
  for (const match of item.str.matchAll(/\S+/g)) {
    const start = match.index * perChar;
    const end = (match.index + match[0].length) * perChar;
    const corners = [start, end].flatMap((offset) => {
      const bx = m[4] + dir.x * offset;
      const by = m[5] + dir.y * offset;
      return [
        { x: bx + up.x * ascent, y: by + up.y * ascent },
        { x: bx - up.x * descent, y: by - up.y * descent },
      ];
    });
    words.push({ text: match[0], bbox: boundsOf(corners), confidence: 100 });
  }
  return words;
}

function boundsOf(points: { x: number; y: number }[]): BBox {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}
