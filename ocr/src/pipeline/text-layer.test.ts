import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { openPdf } from '../document.js';
import type { OcrEngine } from '../types.js';
import { textPdf } from '../testing/pdfs.js';
import { DEFAULT_DISPLAY_DPI } from './page.js';

// Text-layer pages never reach OCR; a throwing engine proves it.
const noOcr: OcrEngine = {
  kind: 'tesseractjs',
  recognize: () => Promise.reject(new Error('OCR must not run on a text-layer page')),
  close: () => Promise.resolve(),
};

describe('text layer', () => {
  it('gives words with point and fraction boxes in reading order', async () => {
    const pdf = await openPdf(
      await textPdf([
        { text: 'Importe total', x: 300, top: 200 },
        { text: 'Proveedor García S.A.', x: 72, top: 100 },
        { text: '1.234,56', x: 72, top: 200 },
      ]),
    );
    const page = await pdf.processPage(1, { languages: 'spa', ocr: noOcr });
    await pdf.close();
    expect(page.source).toBe('text-layer');
    expect(page.text).toBe('Proveedor García S.A.\n1.234,56 Importe total');
    expect(page.words.map((w) => [w.text, w.line])).toEqual([
      ['Proveedor', 0],
      ['García', 0],
      ['S.A.', 0],
      ['1.234,56', 1],
      ['Importe', 1],
      ['total', 1],
    ]);
    const first = page.words[0]!;
    expect(first.bbox.x0).toBeCloseTo(72, 0);
    // Baseline at 100 pt from the top: the box spans the ascent above and the descent below it.
    expect(first.bbox.y0).toBeLessThan(100);
    expect(first.bbox.y1).toBeGreaterThan(100);
    expect(first.bbox.y1 - first.bbox.y0).toBeGreaterThan(10);
    expect(first.box.x).toBeCloseTo(72 / 595, 3);
    expect(first.box.y).toBeCloseTo(first.bbox.y0 / 842, 3);
    expect(first.confidence).toBe(100);
    expect(page.meanConfidence).toBe(100);
    // Words of one run are spaced proportionally: "García" starts after "Proveedor" ends.
    expect(page.words[1]!.bbox.x0).toBeGreaterThan(first.bbox.x1);
  });

  it('produces an opaque 100 DPI WebP display image and a 200 px thumbnail', async () => {
    const pdf = await openPdf(await textPdf([{ text: 'Hola', x: 72, top: 72 }]));
    const page = await pdf.processPage(1, { languages: 'spa', ocr: noOcr });
    await pdf.close();
    expect(DEFAULT_DISPLAY_DPI).toBe(100);
    expect(page.display.width).toBe(Math.ceil((595 * 100) / 72));
    expect(page.display.webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
    // Encoded from the RGBA render: libwebp must still have left the (all-opaque) alpha out.
    const meta = await sharp(page.display.webp).metadata();
    expect(meta).toMatchObject({ width: page.display.width, hasAlpha: false, channels: 3 });
    expect(page.thumbnail.width).toBe(200);
    expect((await sharp(page.thumbnail.webp).metadata()).hasAlpha).toBe(false);
  });

  it('renders the display image at a higher resolution when asked', async () => {
    const pdf = await openPdf(await textPdf([{ text: 'Hola', x: 72, top: 72 }]));
    const page = await pdf.processPage(1, { languages: 'spa', ocr: noOcr, displayDpi: 150 });
    await pdf.close();
    expect(page.display.width).toBe(Math.ceil((595 * 150) / 72));
    expect(page.thumbnail.width).toBe(200);
  });

  it('reports boxes after the page rotation, with a top-left origin', async () => {
    const pdf = await openPdf(await textPdf([{ text: 'Rotada', x: 72, top: 100 }], { rotate: 90 }));
    const page = await pdf.processPage(1, { languages: 'spa', ocr: noOcr });
    await pdf.close();
    expect([page.width, page.height]).toEqual([842, 595]);
    const word = page.words[0]!;
    expect(word.text).toBe('Rotada');
    // Rotated 90° clockwise: text that ran left→right now runs top→bottom near the right edge.
    expect(word.bbox.y1 - word.bbox.y0).toBeGreaterThan(word.bbox.x1 - word.bbox.x0);
    expect(word.bbox.x0).toBeGreaterThan(842 / 2);
    expect(word.box.x + word.box.w).toBeLessThanOrEqual(1);
  });

  it('rejects page numbers outside the document', async () => {
    const pdf = await openPdf(await textPdf([{ text: 'x', x: 72, top: 72 }]));
    await expect(pdf.processPage(2, { languages: 'spa', ocr: noOcr })).rejects.toThrow(RangeError);
    await pdf.close();
  });
});
