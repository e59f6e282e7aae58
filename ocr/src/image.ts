import sharp from 'sharp';
import { PipelineError } from './errors.js';
import { DEFAULT_DISPLAY_DPI, finish, type ProcessPageOptions } from './pipeline/page.js';
import { encodeDisplay, resizeRaw } from './pipeline/rasterize.js';
import { recognizeRaw } from './pipeline/recognize.js';
import type { PageResult, RawImage } from './types.js';

const SUPPORTED = new Set(['png', 'jpeg', 'tiff']);
// Photos and scans often carry a meaningless 72 DPI default; a page scan is almost always 200–300 DPI.
const ASSUMED_DPI = 300;
const MAX_PIXELS = 12_000 * 12_000;

/** OCRs a PNG, JPEG or (multi-page) TIFF as pages; sizes in points from the image's DPI (300 when unknown). */
export async function processImage(
  bytes: Uint8Array,
  options: ProcessPageOptions,
): Promise<{ pages: PageResult[] }> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = await sharp(input)
    .metadata()
    .catch(() => undefined);
  if (!meta?.format || !SUPPORTED.has(meta.format)) {
    throw new PipelineError('unsupported_image', 'Only PDF, PNG, JPEG and TIFF files can be processed', {
      format: meta?.format,
    });
  }
  const pageCount = meta.format === 'tiff' ? (meta.pages ?? 1) : 1;
  const pages: PageResult[] = [];
  for (let index = 0; index < pageCount; index++) {
    pages.push(await processImagePage(input, index, options));
  }
  return { pages };
}

async function processImagePage(
  input: Buffer,
  index: number,
  options: ProcessPageOptions,
): Promise<PageResult> {
  const image = sharp(input, { page: index, limitInputPixels: MAX_PIXELS }).rotate();
  const { data, info } = await image
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => {
      throw new PipelineError('unsupported_image', 'The image cannot be decoded', { reason: String(error) });
    });
  const meta = await sharp(input, { page: index }).metadata();
  const dpi = meta.density && meta.density >= 100 ? meta.density : ASSUMED_DPI;
  const raw: RawImage = {
    data,
    width: info.width,
    height: info.height,
    channels: info.channels as RawImage['channels'],
  };
  const size = { width: round2((raw.width * 72) / dpi), height: round2((raw.height * 72) / dpi) };
  const placement = { x0: 0, y0: 0, x1: size.width, y1: size.height };
  const displayWidth = Math.min(
    raw.width,
    Math.round((size.width * (options.displayDpi ?? DEFAULT_DISPLAY_DPI)) / 72),
  );
  const [{ words }, images] = await Promise.all([
    recognizeRaw(raw, placement, options),
    resizeRaw(raw, displayWidth).then((display) =>
      encodeDisplay(display, { thumbWidth: options.thumbWidth ?? 200 }),
    ),
  ]);
  return finish(index + 1, size, 'ocr', words, images);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
