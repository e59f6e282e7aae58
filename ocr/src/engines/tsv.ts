import type { OcrResult, OcrWord } from '../types.js';

/** Parses Tesseract TSV (level 5 rows are words) into the engine-neutral result. */
export function parseTsv(tsv: string): OcrResult {
  const words: OcrWord[] = [];
  const lines = new Map<string, string[]>();
  // The CLI's TSV starts with a header row, the API's (tesseract.js) does not: only level-5 rows count.
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const [, , block, par, line, , left, top, width, height, conf, text = ''] = cols;
    if (text.trim() === '') continue;
    const lineKey = `${block}.${par}.${line}`;
    const x0 = Number(left);
    const y0 = Number(top);
    words.push({
      text: text.trim(),
      bbox: { x0, y0, x1: x0 + Number(width), y1: y0 + Number(height) },
      confidence: Math.max(0, Number(conf)),
      lineKey,
    });
    lines.set(lineKey, [...(lines.get(lineKey) ?? []), text.trim()]);
  }
  const text = [...lines.values()].map((l) => l.join(' ')).join('\n');
  const mean = words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
  return { text, words, meanConfidence: mean };
}
