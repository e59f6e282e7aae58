import { describe, expect, it } from '@jest/globals';
import { assembleWords, meanConfidence, orderWords } from './assemble.js';

const word = (text: string, x0: number, y0: number, h = 10) => ({
  text,
  bbox: { x0, y0, x1: x0 + text.length * 6, y1: y0 + h },
  confidence: 90,
});

describe('reading order', () => {
  it('groups slightly uneven words into lines, top to bottom, left to right', () => {
    const lines = orderWords([
      word('B2', 200, 41),
      word('A1', 10, 10),
      word('A2', 100, 12),
      word('B1', 10, 40),
    ]);
    expect(lines.map((l) => l.map((w) => w.text))).toEqual([
      ['A1', 'A2'],
      ['B1', 'B2'],
    ]);
  });

  it("keeps the OCR engine's lines when every word has one", () => {
    const skewed = [
      { ...word('A1', 10, 10), lineKey: '0.0.0' },
      { ...word('A2', 300, 40), lineKey: '0.0.0' },
      { ...word('B1', 10, 40), lineKey: '0.0.1' },
    ];
    expect(orderWords(skewed).map((l) => l.map((w) => w.text))).toEqual([['A1', 'A2'], ['B1']]);
  });

  it('drops overprinted duplicates (fake bold)', () => {
    const lines = orderWords([word('Total', 10, 10), word('Total', 10.3, 10), word('Total', 300, 10)]);
    expect(lines[0]!.map((w) => w.text)).toEqual(['Total', 'Total']);
  });

  it('clamps boxes to the page and gives fractions', () => {
    const { words, text } = assembleWords(orderWords([word('Hola', -5, 0)]), { width: 100, height: 200 });
    expect(text).toBe('Hola');
    expect(words[0]).toMatchObject({
      bbox: { x0: 0, y0: 0, x1: 19, y1: 10 },
      box: { x: 0, y: 0, w: 0.19, h: 0.05 },
      line: 0,
    });
  });

  it('weights the mean confidence by word length', () => {
    expect(
      meanConfidence([
        { text: 'aaa', confidence: 100 },
        { text: 'b', confidence: 0 },
      ]),
    ).toBe(75);
    expect(meanConfidence([])).toBe(0);
  });
});
