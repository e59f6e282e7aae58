import { afterAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { openPdf } from '../document.js';
import { PipelineError } from '../errors.js';
import { processImage } from '../image.js';
import { wordErrorRate } from '../metrics.js';
import { DEFAULT_DISPLAY_DPI } from '../pipeline/page.js';
import { scannedPdf } from '../testing/pdfs.js';
import { nativeTesseractAvailable } from './native.js';
import { createOcrPool } from './pool.js';
import { createTesseractJsEngine } from './tesseractjs.js';
import type { OcrEngine } from '../types.js';

const LINES = ['Rendición de gastos', 'Proveedor: Informática Güemes S.A.', 'Importe total: $ 1.234,56'];
const TRUTH = LINES.join('\n');
const pool = createOcrPool({ size: 1, engine: 'tesseractjs' });
afterAll(() => pool.close());

/** A line of black text on white, as a PNG: what these tests give the OCR engines to read. */
async function textPng(width: number, text: string): Promise<Buffer> {
  const svg = `<svg width="${width}" height="120"><rect width="100%" height="100%" fill="white"/><text x="20" y="70" font-size="40" font-family="DejaVu Sans">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('OCR of a scanned page (tesseract.js)', () => {
  it('reads the embedded scan image and maps word boxes to page points', async () => {
    const pdf = await openPdf(await scannedPdf(LINES));
    const page = await pdf.processPage(1, { languages: 'spa', ocr: pool });
    await pdf.close();
    expect(page.source).toBe('ocr');
    expect(wordErrorRate(TRUTH, page.text)).toBeLessThanOrEqual(0.1);
    const rendicion = page.words.find((w) => w.text === 'Rendición');
    expect(rendicion).toBeDefined();
    // Drawn at x = 1 in, first baseline 1 in from the top of an A4 page.
    expect(rendicion!.bbox.x0).toBeGreaterThan(65);
    expect(rendicion!.bbox.x0).toBeLessThan(80);
    expect(rendicion!.bbox.y1).toBeGreaterThan(60);
    expect(rendicion!.bbox.y1).toBeLessThan(80);
    expect(rendicion!.confidence).toBeGreaterThan(60);
    expect(page.words.map((w) => w.line)).toEqual([...page.words.map((w) => w.line)].sort((a, b) => a - b));
    expect(page.display.width).toBe(Math.round((595 * DEFAULT_DISPLAY_DPI) / 72));
  });

  it('turns an undecodable image into ocr_failed and keeps working afterwards', async () => {
    await expect(pool.recognize(Buffer.from('not an image'), { languages: 'spa' })).rejects.toMatchObject({
      code: 'ocr_failed',
    });
    const png = await sharp({
      create: { width: 600, height: 120, channels: 3, background: 'white' },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg width="600" height="120"><text x="20" y="70" font-size="40" font-family="DejaVu Sans">Total 1.234,56</text></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    const result = await pool.recognize(png, { languages: 'spa', psm: 6 });
    expect(result.text).toContain('1.234,56');
  });

  it('reads with the packaged npm models too (the fallback without tesseract-ocr)', async () => {
    const packaged = createOcrPool({ size: 1, engine: 'tesseractjs', models: 'packaged' });
    try {
      const png = await textPng(700, 'Importe 1.234,56');
      expect((await packaged.recognize(png, { languages: 'spa+eng', psm: 6 })).text).toContain('1.234,56');
    } finally {
      await packaged.close();
    }
  });

  it('switches languages inside a running worker and reads as a fresh worker would', async () => {
    const png = await textPng(900, 'Informática Güemes, año 2024');
    const one = createTesseractJsEngine(1, 'auto', { maxWorkers: 1 });
    const fresh = createOcrPool({ size: 1, engine: 'tesseractjs' });
    const read = async (engine: OcrEngine, languages: 'spa' | 'eng') =>
      (await engine.recognize(png, { languages, psm: 6 })).words.map((w) => `${w.text} ${w.confidence}`);
    try {
      const english = await read(one, 'eng');
      const spanish = await read(one, 'spa');
      expect(await read(one, 'eng')).toEqual(english);
      expect(spanish).toEqual(await read(fresh, 'spa'));
      expect(spanish.join(' ')).toContain('Informática');
      expect(one.stats()).toEqual({ started: 1, reinitialised: 2, workers: 1 });
    } finally {
      await one.close();
      await fresh.close();
    }
  });

  it('keeps a worker per language when it may, so alternating languages re-initialise nothing', async () => {
    const png = await textPng(700, 'Total 1.234,56');
    const pool = createTesseractJsEngine(1);
    try {
      const texts = [];
      for (const languages of ['eng', 'spa', 'eng', 'spa'] as const)
        texts.push((await pool.recognize(png, { languages, psm: 6 })).text);
      expect(texts.every((t) => t.includes('1.234,56'))).toBe(true);
      expect(pool.stats()).toEqual({ started: 2, reinitialised: 0, workers: 2 });
      // Two pages at once on a pool of one: never more than one recognition, never a third worker.
      await Promise.all([
        pool.recognize(png, { languages: 'spa+eng', psm: 6 }),
        pool.recognize(png, { languages: 'spa', psm: 6 }),
      ]);
      expect(pool.stats()).toMatchObject({ workers: 2 });
    } finally {
      await pool.close();
    }
  });

  it('processes a PNG as an image page and refuses other formats', async () => {
    const png = await sharp(
      Buffer.from(
        '<svg width="800" height="200"><rect width="100%" height="100%" fill="white"/><text x="20" y="100" font-size="48" font-family="DejaVu Sans">Cámara de Diputados</text></svg>',
      ),
    )
      .png()
      .withMetadata({ density: 300 })
      .toBuffer();
    const { pages } = await processImage(png, { languages: 'spa', ocr: pool, psm: 6 });
    expect(pages[0]).toMatchObject({ number: 1, source: 'ocr', width: 192, height: 48 });
    expect(pages[0]!.text).toContain('Diputados');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'white' } })
      .gif()
      .toBuffer();
    await expect(processImage(gif, { languages: 'spa', ocr: pool })).rejects.toBeInstanceOf(PipelineError);
    await expect(
      processImage(new TextEncoder().encode('hola'), { languages: 'spa', ocr: pool }),
    ).rejects.toMatchObject({
      code: 'unsupported_image',
    });
  });
});

// Skipped only when the binary is missing; CI installs tesseract-ocr so this runs there.
(nativeTesseractAvailable() ? describe : describe.skip)('OCR with native tesseract', () => {
  it('gives the same word shape through the same interface', async () => {
    const native = createOcrPool({ size: 1, engine: 'native' });
    const pdf = await openPdf(await scannedPdf(LINES));
    const page = await pdf.processPage(1, { languages: 'spa', ocr: native });
    await pdf.close();
    await native.close();
    expect(native.kind).toBe('native');
    expect(page.source).toBe('ocr');
    expect(wordErrorRate(TRUTH, page.text)).toBeLessThanOrEqual(0.1);
    const importe = page.words.find((w) => w.text.startsWith('Importe'));
    expect(importe?.bbox.x0).toBeGreaterThan(65);
    expect(importe?.box.w).toBeGreaterThan(0);
  });
});
