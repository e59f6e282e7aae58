import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BBox } from '../types.js';
import { loadPdfjs } from '../pdfjs.js';
import type { RawImage } from './rasterize.js';

/** The one image that makes up a scanned page, with where it sits on the page (points, top-left origin). */
export interface ScanImage {
  image: RawImage;
  placement: BBox;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** A scan's image covers the page; below this share of the page area it is a figure, not a scan. */
const MIN_COVERAGE = 0.85;

interface PdfjsImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

interface PaintedImage {
  id: string;
  ctm: Matrix;
}

/** Walks the operator list tracking the transform: whether text is drawn, and every image painted. */
async function walkOperators(
  page: PDFPageProxy,
): Promise<{ hasText: boolean; images: PaintedImage[]; inline: boolean }> {
  const { OPS, Util } = await loadPdfjs();
  const ops = await page.getOperatorList();
  const textOps = new Set<number>([
    OPS.showText,
    OPS.showSpacedText,
    OPS.nextLineShowText,
    OPS.nextLineSetSpacingShowText,
  ]);
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  const result = { hasText: false, images: [] as PaintedImage[], inline: false };
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (textOps.has(fn)) result.hasText = true;
    else if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = Util.transform(ctm, args) as Matrix;
    else if (fn === OPS.paintImageXObject) result.images.push({ id: String(args[0]), ctm });
    else if (fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) result.inline = true;
  });
  return result;
}

/** Share of the page covered by its largest painted image (0 when none): tells a scan with a stamp from a text page. */
export async function largestImageCoverage(page: PDFPageProxy): Promise<number> {
  const { Util } = await loadPdfjs();
  const viewport = page.getViewport({ scale: 1 });
  const { images } = await walkOperators(page);
  let best = 0;
  for (const image of images) {
    const m = Util.transform(viewport.transform, image.ctm);
    const corners = [
      [m[4] ?? 0, m[5] ?? 0],
      [(m[4] ?? 0) + (m[0] ?? 0) + (m[2] ?? 0), (m[5] ?? 0) + (m[1] ?? 0) + (m[3] ?? 0)],
    ] as const;
    const area = Math.abs((corners[1][0] - corners[0][0]) * (corners[1][1] - corners[0][1]));
    best = Math.max(best, area / (viewport.width * viewport.height));
  }
  return best;
}

/**
 * Finds the page's single full-page image and returns its pixels at native resolution, or
 * undefined when the page has text operators, several images, a rotated placement, or pdfjs
 * hands back something other than decoded pixels (then the caller renders at 300 DPI).
 */
export async function findScanImage(page: PDFPageProxy): Promise<ScanImage | undefined> {
  const { Util } = await loadPdfjs();
  const walk = await walkOperators(page);
  const found = walk.images[0];
  if (walk.hasText || walk.inline || walk.images.length !== 1 || !found) return undefined;
  return extract(page, found, (a, b) => Util.transform(a, b) as number[]);
}

function extract(
  page: PDFPageProxy,
  found: { id: string; ctm: Matrix },
  multiply: (a: number[], b: number[]) => number[],
): ScanImage | undefined {
  const [a, b, c, d] = found.ctm;
  // Only upright placements: a rotated or mirrored image would need its pixels turned first.
  if (page.rotate % 360 !== 0 || Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || d <= 0)
    return undefined;
  const viewport = page.getViewport({ scale: 1 });
  const m = multiply(viewport.transform, found.ctm);
  const xs = [m[4] ?? 0, (m[4] ?? 0) + (m[0] ?? 0)];
  const ys = [m[5] ?? 0, (m[5] ?? 0) + (m[3] ?? 0)];
  const placement = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  const area = (placement.x1 - placement.x0) * (placement.y1 - placement.y0);
  if (area < MIN_COVERAGE * viewport.width * viewport.height) return undefined;
  const image = readImageObject(page, found.id);
  return image ? { image, placement } : undefined;
}

function readImageObject(page: PDFPageProxy, id: string): RawImage | undefined {
  let obj: PdfjsImage | undefined;
  try {
    const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
    obj = objs.get(id) as PdfjsImage | undefined;
  } catch {
    return undefined;
  }
  if (!obj?.data || !obj.width || !obj.height) return undefined;
  return toRaw(obj as Required<Pick<PdfjsImage, 'data' | 'width' | 'height'>> & PdfjsImage);
}

/** pdfjs ImageKind: 1 = 1-bit grayscale packed rows, 2 = RGB, 3 = RGBA. */
function toRaw(obj: {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  kind?: number;
}): RawImage | undefined {
  const { width, height, data } = obj;
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (obj.kind === 2 && buf.length >= width * height * 3) return { data: buf, width, height, channels: 3 };
  if (obj.kind === 3 && buf.length >= width * height * 4) return { data: buf, width, height, channels: 4 };
  if (obj.kind === 1) return unpackBits(buf, width, height);
  return undefined;
}

function unpackBits(packed: Buffer, width: number, height: number): RawImage | undefined {
  const rowBytes = Math.ceil(width / 8);
  if (packed.length < rowBytes * height) return undefined;
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = ((packed[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      out[y * width + x] = bit ? 255 : 0;
    }
  }
  return { data: out, width, height, channels: 1 };
}
