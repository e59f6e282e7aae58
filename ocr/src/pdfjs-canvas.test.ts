import { afterAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { StandardFonts } from 'pdf-lib';
import {
  flushRemovals,
  scopedFontName,
  scopeFontShorthand,
  skiaFontSet,
  skiaHasFont,
  SkiaFontFace,
} from './pdfjs-canvas.js';
import { loadPdfjs, openPdfDocument } from './pdfjs.js';
import { renderPage, type RawImage } from './pipeline/rasterize.js';
import { textPdf } from './testing/pdfs.js';
import { startModuleWorker } from './threads.js';

const lines = [
  { text: 'Rendición de gastos — Concejo Deliberante', x: 50, top: 80, size: 16 },
  { text: 'Proveedor: Librería Güemes S.R.L.  CUIT 30-71234567-1', x: 50, top: 120 },
  { text: 'Importe total: $ 1.234.567,89', x: 50, top: 150 },
];

describe('text drawn through skia fonts', () => {
  afterAll(() => flushRemovals());

  it('scopes pdfjs font names to this thread and leaves other families alone', () => {
    expect(scopeFontShorthand('normal bold 16px "g_d0_f1", sans-serif')).toBe(
      `normal bold 16px "${scopedFontName('g_d0_f1')}", sans-serif`,
    );
    expect(scopedFontName('g_d0_f1')).not.toBe('g_d0_f1');
    expect(scopeFontShorthand('12px "DejaVu Sans", serif')).toBe('12px "DejaVu Sans", serif');
  });

  it('registers a document’s fonts while it is open, removes them after, and draws what paths draw', async () => {
    const bytes = await textPdf(lines);
    const added: string[] = [];
    const add = skiaFontSet.add;
    skiaFontSet.add = (face) => (added.push(face.family), add(face));
    try {
      const { doc, task } = await openPdfDocument(bytes);
      const page = await doc.getPage(1);
      const asText = await renderPage(doc, page, 100);
      expect(added.length).toBeGreaterThan(0);
      for (const family of added) expect(skiaHasFont(scopedFontName(family))).toBe(true);
      await task.destroy();
      flushRemovals();
      for (const family of added) expect(skiaHasFont(scopedFontName(family))).toBe(false);

      // The same page with every glyph filled as a path, pdfjs's Node default.
      const asPaths = await renderWithPaths(bytes, 100);
      expect(meanDifference(asText, asPaths)).toBeLessThan(2);
      expect(inkOf(asText)).toBeGreaterThan(0.5 * inkOf(asPaths));
    } finally {
      skiaFontSet.add = add;
    }
  });

  it('fails to load a font skia cannot read, and pdfjs then draws that font as paths', async () => {
    const face = new SkiaFontFace('g_d99_f1', new Uint8Array([0, 1, 0, 0, 7, 7, 7]));
    skiaFontSet.add(face);
    await expect(face.loaded).rejects.toThrow(/cannot load font/);
    expect(face.status).toBe('error');

    const bytes = await textPdf(lines);
    const scope = globalThis as { FontFace?: unknown };
    const installed = scope.FontFace;
    scope.FontFace = class Unreadable extends SkiaFontFace {
      constructor(family: string) {
        super(family, new Uint8Array([0, 1, 0, 0, 7, 7, 7]));
      }
    };
    try {
      const fallen = await renderWithFonts(bytes, 100);
      expect(meanDifference(fallen, await renderWithPaths(bytes, 100))).toBe(0);
    } finally {
      scope.FontFace = installed;
    }
  });

  it('never draws with another thread’s font of the same pdfjs name', async () => {
    // Each thread's first document names its first font g_d0_f1; here they are different fonts.
    const pdfs = await Promise.all([
      textPdf(lines, { font: StandardFonts.Helvetica }),
      textPdf(lines, { font: StandardFonts.Courier }),
    ]);
    const expected = await Promise.all(pdfs.map((bytes) => renderWithFonts(bytes, 72)));
    expect(meanDifference(expected[0]!, expected[1]!)).toBeGreaterThan(0.3);
    const threads = pdfs.map((bytes) => startRenderThread(bytes, 72));
    try {
      // Both threads hold their fonts registered before either renders the page it compares.
      await Promise.all(threads.map((thread) => nextMessage(thread)));
      const rendered = await Promise.all(
        threads.map((thread) => (thread.postMessage('render'), nextMessage(thread))),
      );
      rendered.forEach((pixels, i) => {
        const image = { ...expected[i]!, data: Buffer.from(pixels as Uint8Array) };
        expect(meanDifference(image, expected[i]!)).toBeLessThan(0.05);
      });
    } finally {
      await Promise.all(threads.map((thread) => thread.terminate()));
    }
  });
});

async function renderWithFonts(bytes: Uint8Array, dpi: number): Promise<RawImage> {
  const { doc, task } = await openPdfDocument(bytes);
  try {
    return await renderPage(doc, await doc.getPage(1), dpi);
  } finally {
    await task.destroy();
  }
}

async function renderWithPaths(bytes: Uint8Array, dpi: number): Promise<RawImage> {
  const pdfjs = await loadPdfjs();
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    return await renderPage(doc, await doc.getPage(1), dpi);
  } finally {
    await task.destroy();
  }
}

function meanDifference(a: RawImage, b: RawImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/** Darkness summed over the page: text that was not drawn would leave it near 0. */
function inkOf(image: RawImage): number {
  let ink = 0;
  for (let i = 0; i < image.data.length; i += 4) ink += 255 - image.data[i]!;
  return ink;
}

function startRenderThread(bytes: Uint8Array, dpi: number): Worker {
  return startModuleWorker(new URL('./testing/render-thread.ts', import.meta.url), { bytes, dpi });
}

function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
}
