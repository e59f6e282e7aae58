/**
 * Skew estimation and ruling-line removal on 8-bit grayscale pixels. Scanned spending tables are
 * rotated 1–2° and boxed by ruling lines; Tesseract drops whole table cells when it sees either.
 */

const DARK = 128;
// Rules are thin and, after deskew, anti-aliased: a looser threshold catches their grey pixels.
const RULE_DARK = 165;
const FRINGE = 200;
const MAX_ANGLE = 3;
const STEP = 0.1;

/**
 * Estimates text skew in degrees (positive: lines fall to the right) by maximising the sharpness
 * of the horizontal projection profile of dark pixels, sampled for speed.
 */
export function estimateSkew(gray: Uint8Array, width: number, height: number): number {
  const stride = Math.max(1, Math.round(width / 800));
  // Dark sample points as (x, y) pairs in a typed array (exact integers, as before in a number[]).
  let points = new Float64Array(4096);
  let n = 0;
  for (let y = 0; y < height; y += stride) {
    const row = y * width;
    for (let x = 0; x < width; x += stride) {
      if (gray[row + x]! < DARK) {
        if (n + 2 > points.length) {
          const grown = new Float64Array(points.length * 2);
          grown.set(points);
          points = grown;
        }
        points[n++] = x;
        points[n++] = y;
      }
    }
  }
  if (n < 200) return 0;
  let best = { angle: 0, score: -1 };
  for (let angle = -MAX_ANGLE; angle <= MAX_ANGLE + 1e-9; angle += STEP) {
    const score = profileSharpness(points, n, Math.tan((angle * Math.PI) / 180), height, stride);
    if (score > best.score) best = { angle, score };
  }
  return Math.round(best.angle * 10) / 10;
}

function profileSharpness(
  points: Float64Array,
  n: number,
  slope: number,
  height: number,
  stride: number,
): number {
  const offset = Math.ceil(Math.abs(slope) * height * 2) + 1;
  const bins = new Float64Array(Math.ceil((height + 2 * offset) / stride) + 1);
  for (let i = 0; i < n; i += 2)
    bins[Math.round((points[i + 1]! - points[i]! * slope + offset) / stride)]! += 1;
  let sum = 0;
  for (let i = 0; i < bins.length; i++) sum += bins[i]! * bins[i]!;
  return sum;
}

/**
 * Whitens dark runs longer than 1 in horizontally or 0.6 in vertically: table rules, never glyphs
 * (a 24-pt capital is 0.33 in tall). Works in place.
 */
export function removeRules(gray: Uint8Array, width: number, height: number, dpi: number): void {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) markRuns(gray, mask, y * width, 1, width, dpi);
  markColumnRuns(gray, mask, width, height, Math.round(dpi * 0.6));
  // Also clear the anti-aliased fringe one pixel either side, which otherwise reads as "|" or "_".
  // Pixels only ever turn white, so the order of this pass does not change its result.
  const length = gray.length;
  for (let i = 0; i < length; i++) {
    if (!mask[i]) continue;
    gray[i] = 255;
    if (i - 1 >= 0 && gray[i - 1]! < FRINGE) gray[i - 1] = 255;
    if (i + 1 < length && gray[i + 1]! < FRINGE) gray[i + 1] = 255;
    if (i - width >= 0 && gray[i - width]! < FRINGE) gray[i - width] = 255;
    if (i + width < length && gray[i + width]! < FRINGE) gray[i + width] = 255;
  }
}

function markRuns(
  gray: Uint8Array,
  mask: Uint8Array,
  start: number,
  step: number,
  count: number,
  minRun: number,
): void {
  let runStart = -1;
  for (let i = 0; i <= count; i++) {
    const dark = i < count && gray[start + i * step]! < RULE_DARK;
    if (dark && runStart < 0) runStart = i;
    if (!dark && runStart >= 0) {
      if (i - runStart >= minRun) for (let j = runStart; j < i; j++) mask[start + j * step] = 1;
      runStart = -1;
    }
  }
}

/**
 * markRuns down every column at once, walking the image row by row (a column at a time jumps a
 * whole row per pixel and misses the cache on every read): the same runs, the same marks.
 */
function markColumnRuns(
  gray: Uint8Array,
  mask: Uint8Array,
  width: number,
  height: number,
  minRun: number,
): void {
  const runStart = new Int32Array(width).fill(-1);
  const close = (x: number, end: number) => {
    const start = runStart[x]!;
    if (end - start >= minRun) for (let y = start; y < end; y++) mask[y * width + x] = 1;
    runStart[x] = -1;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (gray[row + x]! < RULE_DARK) {
        if (runStart[x]! < 0) runStart[x] = y;
      } else if (runStart[x]! >= 0) close(x, y);
    }
  }
  for (let x = 0; x < width; x++) if (runStart[x]! >= 0) close(x, height);
}
