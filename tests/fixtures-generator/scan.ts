/**
 * Scanned-looking copies: render each page with pdfjs at 200 DPI, then with sharp make it
 * grey, slightly rotated, noisy, a little blurred, JPEG q60, and embed the JPEG as the only
 * content of a new PDF page (no text layer).
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { openPdf } from './pdfjs.js';
import { Rng } from './prng.js';

const DPI = 200;

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
interface CanvasFactoryLike {
  create(width: number, height: number): CanvasAndContext;
  destroy(cc: CanvasAndContext): void;
}

export interface ScanOptions {
  seed: string;
  created: Date;
  title: string;
}

export async function scanCopy(
  source: Uint8Array,
  opts: ScanOptions,
): Promise<{ bytes: Uint8Array; jpegSizes: number[] }> {
  const rng = new Rng(opts.seed);
  // Scans are deterministic only if sharp is: one thread, no cache surprises.
  sharp.concurrency(1);
  sharp.cache(false);
  const task = openPdf(source);
  const doc = await task.promise;
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(opts.title);
  out.setCreator('Cotejo fixtures generator');
  out.setProducer('Cotejo fixtures generator (scanner simulation)');
  out.setCreationDate(opts.created);
  out.setModificationDate(opts.created);
  const jpegSizes: number[] = [];
  try {
    const factory = (doc as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: DPI / 72 });
      const w = Math.floor(viewport.width);
      const h = Math.floor(viewport.height);
      const cc = factory.create(w, h);
      const params = {
        canvas: cc.canvas,
        canvasContext: cc.context,
        viewport,
        background: 'rgb(255,255,255)',
      };
      // pdfjs types name DOM canvas types; our tsconfig has no DOM lib, so the factory's canvas is passed as is.
      await page.render(params).promise;
      const rgba = Buffer.from(cc.context.getImageData(0, 0, w, h).data);
      factory.destroy(cc);
      page.cleanup();

      // 1. grey + small rotation on a white background (the page grows to the rotated bounding box).
      const sign = rng.chance(0.5) ? 1 : -1;
      const angle = sign * (1 + rng.next()); // 1°–2°
      const rotated = await sharp(rgba, { raw: { width: w, height: h, channels: 4 } })
        .removeAlpha()
        .grayscale()
        .rotate(angle, { background: { r: 255, g: 255, b: 255 } })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const rw = rotated.info.width;
      const rh = rotated.info.height;
      const rch = rotated.info.channels;
      // 2. crop back to the page size (centre, with a small random offset like a feeder), add noise.
      const offX = Math.floor((rw - w) / 2) + rng.int(-6, 6);
      const offY = Math.floor((rh - h) / 2) + rng.int(-6, 6);
      const grey = Buffer.alloc(w * h, 255);
      const paper = 246 + rng.int(0, 6); // slightly off-white paper
      for (let y = 0; y < h; y++) {
        const sy = y + offY;
        for (let x = 0; x < w; x++) {
          const sx = x + offX;
          let v = 255;
          if (sx >= 0 && sy >= 0 && sx < rw && sy < rh) v = rotated.data[(sy * rw + sx) * rch] ?? 255;
          // map white to paper tone, keep ink dark; Gaussian-ish noise sd ≈ 3.5; rare specks
          let g = (v * paper) / 255 + rng.gaussian() * 3.5;
          if (rng.next() < 0.0004) g -= 120;
          grey[y * w + x] = g < 0 ? 0 : g > 255 ? 255 : Math.round(g);
        }
      }
      // 3. slight blur, JPEG q60 (greyscale JPEG, one channel).
      const jpeg = await sharp(grey, { raw: { width: w, height: h, channels: 1 } })
        .blur(0.7)
        .toColourspace('b-w')
        .jpeg({ quality: 60, mozjpeg: true })
        .toBuffer();
      jpegSizes.push(jpeg.length);
      const img = await out.embedJpg(jpeg);
      const p = out.addPage([base.width, base.height]);
      p.drawImage(img, { x: 0, y: 0, width: base.width, height: base.height });
    }
  } finally {
    await task.destroy();
  }
  return { bytes: await out.save({ useObjectStreams: false }), jpegSizes };
}
