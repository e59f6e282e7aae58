import sharp from 'sharp';
import type { BBox, OcrImage } from '../types.js';
import { estimateSkew, removeRules } from './deskew.js';
import { rotateGray } from './rotate.js';

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
  // The same pixels as sharp's rotate (a bilinear affine transform), without its pipeline costs.
  if (Math.abs(skew) >= 0.3) current = rotateGray(base.data, base.width, base.height, -skew);
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
  if (!Buffer.isBuffer(image)) {
    const counts = new Uint32Array(256);
    const direct = grayFromNeutralPixels(image, counts);
    if (direct) {
      if (normalise) await stretchContrast(direct, counts);
      return { data: direct, width: image.width, height: image.height };
    }
  }
  let pipeline = Buffer.isBuffer(image)
    ? sharp(image, { limitInputPixels: 20_000 * 20_000 }).rotate()
    : sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  pipeline = pipeline.flatten({ background: '#ffffff' }).grayscale();
  const { data, info } = await pipeline.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  if (normalise) await stretchContrast(data);
  return { data, width: info.width, height: info.height };
}

/**
 * The grey plane of an opaque RGB(A) image whose pixels are all neutral (R = G = B), as a grey
 * scan is once pdfjs has decoded it to RGB; undefined for anything else. sharp's flatten +
 * grayscale maps a neutral pixel (v, v, v) to v (checked for all 256 levels by a test), so this
 * is the same output without a colour conversion of every pixel (~90 ms on a 200-DPI page).
 */
export function grayFromNeutralPixels(
  image: { data: Uint8Array; width: number; height: number; channels: number },
  counts?: Uint32Array,
): Buffer | undefined {
  const { data, channels } = image;
  const pixels = image.width * image.height;
  if ((channels !== 3 && channels !== 4) || data.length < pixels * channels) return undefined;
  const out = Buffer.allocUnsafe(pixels);
  // Optionally the grey histogram on the way (stretchContrast needs it: one walk of the image less).
  const histogram = counts ?? new Uint32Array(256);
  for (let i = 0, j = 0; i < pixels; i++, j += channels) {
    const v = data[j]!;
    if (data[j + 1] !== v || data[j + 2] !== v || (channels === 4 && data[j + 3] !== 255)) {
      histogram.fill(0);
      return undefined;
    }
    out[i] = v;
    histogram[v]!++;
  }
  return out;
}

// One pixel of the proxy image per this many of the page: ~240k pixels for a 200-DPI Letter scan.
const PROXY_SHRINK = 16;
const PROXY_WIDTH = 512;

/**
 * sharp's `normalise()` (1st–99th percentile stretch of CIELAB lightness), bit for bit, at a sixth
 * of its cost. On a grey page the result depends only on each pixel's grey level and on the
 * image's histogram, but sharp converts every pixel to Lab and back and walks the image three
 * times (two percentiles, then the stretch): ~270 ms on a 200-DPI page. Here sharp normalises a
 * small proxy image with the same histogram (every grey level present, counts divided by 16), the
 * proxy's output is read back as a 256-entry lookup table, and the table is applied in place.
 * Identical output on every scanned fixture (checked by a test against sharp itself).
 * `histogram`: the image's grey-level counts, when the caller has already counted them.
 */
export async function stretchContrast(gray: Uint8Array, histogram?: Uint32Array): Promise<void> {
  const length = gray.length;
  const counts = histogram ?? greyHistogram(gray);
  const reps = Array.from(counts, (c) => (c === 0 ? 0 : Math.max(1, Math.round(c / PROXY_SHRINK))));
  // Pad the most frequent level (the paper) so the proxy is a whole number of rows.
  const total = reps.reduce((sum, r) => sum + r, 0);
  const mode = counts.indexOf(Math.max(...counts));
  reps[mode]! += (PROXY_WIDTH - (total % PROXY_WIDTH)) % PROXY_WIDTH;
  const size = total + ((PROXY_WIDTH - (total % PROXY_WIDTH)) % PROXY_WIDTH);
  const proxy = Buffer.alloc(size);
  const firstAt = new Array<number>(256).fill(-1);
  let offset = 0;
  reps.forEach((r, level) => {
    if (r === 0) return;
    firstAt[level] = offset;
    proxy.fill(level, offset, offset + r);
    offset += r;
  });
  const out = await sharp(proxy, { raw: { width: PROXY_WIDTH, height: size / PROXY_WIDTH, channels: 1 } })
    .normalise()
    .extractChannel(0)
    .raw()
    .toBuffer();
  const lut = new Uint8Array(256);
  firstAt.forEach((at, level) => (lut[level] = at >= 0 ? out[at]! : level));
  for (let i = 0; i < length; i++) gray[i] = lut[gray[i]!]!;
}

function greyHistogram(gray: Uint8Array): Uint32Array {
  const counts = new Uint32Array(256);
  const length = gray.length;
  for (let i = 0; i < length; i++) counts[gray[i]!]!++;
  return counts;
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
