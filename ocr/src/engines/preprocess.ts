import sharp from 'sharp';
import type { BBox, OcrImage } from '../types.js';
import { estimateSkew, removeRules } from './deskew.js';

/** A grayscale image ready for Tesseract, encoded as binary PGM (cheapest format Leptonica reads). */
export interface PreparedImage {
  pgm: Buffer;
  width: number;
  height: number;
  /** Maps a box in the prepared image back to the input image's pixels (undoes the deskew). */
  unmap: (box: BBox) => BBox;
  skewDegrees: number;
}

export interface PreprocessOptions {
  /** Stretch contrast to the full range; helps faint scans, harmless on clean ones. */
  normalise?: boolean;
  /** Straighten pages skewed by ≥ 0.3°. */
  deskew?: boolean;
  /** Whiten table ruling lines. */
  removeRules?: boolean;
  /** Image resolution, to tell rules from glyphs by physical length. Default 300. */
  dpi?: number;
}

/**
 * Grayscale, contrast normalisation, deskew and table-rule removal. Output is PGM rather than PNG
 * because PNG encoding costs 130–990 ms a page here and Tesseract reads PGM with a memcpy.
 */
export async function prepareForOcr(
  image: OcrImage,
  options: PreprocessOptions = {},
): Promise<PreparedImage> {
  const base = await toGray(image, options.normalise !== false);
  const skew = options.deskew === false ? 0 : estimateSkew(base.data, base.width, base.height);
  let current = base;
  if (Math.abs(skew) >= 0.3) {
    const { data, info } = await sharp(base.data, {
      raw: { width: base.width, height: base.height, channels: 1 },
    })
      .rotate(-skew, { background: '#ffffff' })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    current = { data, width: info.width, height: info.height };
  }
  if (options.removeRules !== false)
    removeRules(current.data, current.width, current.height, options.dpi ?? 300);
  return {
    pgm: toPgm(current.data, current.width, current.height, 1),
    width: current.width,
    height: current.height,
    skewDegrees: skew,
    unmap: unrotate(-skew, base, current),
  };
}

async function toGray(
  image: OcrImage,
  normalise: boolean,
): Promise<{ data: Buffer; width: number; height: number }> {
  let pipeline = Buffer.isBuffer(image)
    ? sharp(image, { limitInputPixels: 20_000 * 20_000 }).rotate()
    : sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  pipeline = pipeline.flatten({ background: '#ffffff' }).grayscale();
  if (normalise) pipeline = pipeline.normalise();
  const { data, info } = await pipeline.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** sharp rotates clockwise about the centre and grows the canvas; this inverts that for word boxes. */
function unrotate(
  degrees: number,
  from: { width: number; height: number },
  to: { width: number; height: number },
): (box: BBox) => BBox {
  if (degrees === 0 || (from.width === to.width && from.height === to.height && Math.abs(degrees) < 0.3))
    return (b) => b;
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const back = (x: number, y: number): [number, number] => {
    const dx = x - to.width / 2;
    const dy = y - to.height / 2;
    return [dx * cos + dy * sin + from.width / 2, -dx * sin + dy * cos + from.height / 2];
  };
  return (box) => {
    const corners = [back(box.x0, box.y0), back(box.x1, box.y0), back(box.x0, box.y1), back(box.x1, box.y1)];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  };
}

/** Encodes 8-bit single-channel pixels (or the first channel of several) as binary PGM. */
export function toPgm(data: Buffer, width: number, height: number, channels = 1): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  if (channels === 1) return Buffer.concat([header, data.subarray(0, width * height)]);
  const gray = Buffer.alloc(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = data[i * channels] ?? 255;
  return Buffer.concat([header, gray]);
}
