import sharp from 'sharp';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RasterImage, RawImage } from '../types.js';

export type { RawImage } from '../types.js';

interface CanvasAndContext {
  canvas: {
    width: number;
    height: number;
    /** The pixels, premultiplied RGBA: straight RGBA on our opaque white pages. Flushes pending drawing. */
    data(): Buffer;
  };
  context: {
    imageSmoothingQuality: 'low' | 'medium' | 'high';
    drawImage(image: unknown, x: number, y: number, width: number, height: number): void;
  };
}

interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

/** Renders a page at the given DPI through the document's own canvas factory (never a second canvas copy). */
export async function renderPage(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number): Promise<RawImage> {
  return withRenderedPage(doc, page, dpi, (target) => pixelsOf(target));
}

/**
 * Renders the display image and its thumbnail and encodes both. The thumbnail is drawn from the
 * rendered canvas by skia (mipmapped, 'medium'), a third of the cost of resizing the pixels with
 * sharp, and sharp encodes straight from the canvases' memory, which lives until both are done.
 */
export async function renderDisplay(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  dpi: number,
  thumbWidth: number,
): Promise<{ display: RasterImage; thumbnail: RasterImage }> {
  return withRenderedPage(doc, page, dpi, async (target, factory) => {
    const display = viewOf(target);
    const width = Math.min(thumbWidth, display.width);
    const height = Math.max(1, Math.round((display.height * width) / display.width));
    const small = factory.create(width, height);
    try {
      small.context.imageSmoothingQuality = 'medium';
      small.context.drawImage(target.canvas, 0, 0, width, height);
      return await encodeDisplay(display, { thumbWidth, thumbnail: viewOf(small) });
    } finally {
      factory.destroy(small);
    }
  });
}

async function withRenderedPage<T>(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  dpi: number,
  use: (target: CanvasAndContext, factory: CanvasFactory) => T | Promise<T>,
): Promise<T> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.max(1, Math.ceil(viewport.width));
  const height = Math.max(1, Math.ceil(viewport.height));
  const factory = doc.canvasFactory as CanvasFactory;
  const target = factory.create(width, height);
  try {
    await page.render({
      // pdfjs types these as DOM classes; in Node they are @napi-rs/canvas objects from the same factory.
      canvas: target.canvas as never,
      canvasContext: target.context as never,
      viewport,
      background: 'white',
    }).promise;
    return await use(target, factory);
  } finally {
    factory.destroy(target);
  }
}

// The canvas's own memory, valid until it is destroyed. (getImageData copies, and un-premultiplies
// every pixel on the way: 11 ms for a 100-DPI page.)
function viewOf({ canvas }: CanvasAndContext): RawImage {
  return { data: canvas.data(), width: canvas.width, height: canvas.height, channels: 4 };
}

// A copy, for pixels that outlive the canvas.
function pixelsOf(target: CanvasAndContext): RawImage {
  const view = viewOf(target);
  return { ...view, data: Buffer.from(view.data) };
}

export interface DisplayOptions {
  thumbWidth: number;
  /** The thumbnail's pixels, already made (renderDisplay); else resized from `raw`. */
  thumbnail?: RawImage;
  /** WebP effort 0-6; 0 is ~30 % cheaper than 1 and visually the same on document pages. */
  effort?: number;
  quality?: number;
}

/** Encodes the display WebP and its thumbnail from raw pixels. */
export async function encodeDisplay(
  raw: RawImage,
  options: DisplayOptions,
): Promise<{ display: RasterImage; thumbnail: RasterImage }> {
  const effort = options.effort ?? 0;
  const quality = options.quality ?? 80;
  const input = { raw: rawInput(raw) };
  // Renders are painted on an opaque white background. libwebp itself leaves out an alpha plane
  // that is opaque everywhere, so the display image is encoded straight from RGBA (removeAlpha
  // first only adds a copy); the resize does need it gone (else sharp premultiplies).
  const opaque = () => (raw.channels === 4 ? sharp(raw.data, input).removeAlpha() : sharp(raw.data, input));
  const [display, thumbnail] = await Promise.all([
    sharp(raw.data, input).webp({ quality, effort }).toBuffer({ resolveWithObject: true }),
    (options.thumbnail
      ? sharp(options.thumbnail.data, { raw: rawInput(options.thumbnail) })
      : opaque().resize({ width: Math.min(options.thumbWidth, raw.width), kernel: 'linear' })
    )
      .webp({ quality: 70, effort })
      .toBuffer({ resolveWithObject: true }),
  ]);
  return {
    display: { webp: display.data, width: display.info.width, height: display.info.height },
    thumbnail: { webp: thumbnail.data, width: thumbnail.info.width, height: thumbnail.info.height },
  };
}

/** Resizes raw pixels to a target width (used to make a display image from a scan's own pixels). */
export async function resizeRaw(raw: RawImage, width: number): Promise<RawImage> {
  const { data, info } = await sharp(raw.data, {
    raw: { width: raw.width, height: raw.height, channels: raw.channels },
  })
    .resize({ width })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as RawImage['channels'] };
}

function rawInput(raw: RawImage): { width: number; height: number; channels: RawImage['channels'] } {
  return { width: raw.width, height: raw.height, channels: raw.channels };
}
