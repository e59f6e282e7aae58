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
  const points: number[] = [];
  const stride = Math.max(1, Math.round(width / 800));
  for (let y = 0; y < height; y += stride) {
    for (let x = 0; x < width; x += stride) if ((gray[y * width + x] ?? 255) < DARK) points.push(x, y);
  }
  if (points.length < 200) return 0;
  let best = { angle: 0, score: -1 };
  for (let angle = -MAX_ANGLE; angle <= MAX_ANGLE + 1e-9; angle += STEP) {
    const score = profileSharpness(points, Math.tan((angle * Math.PI) / 180), height, stride);
    if (score > best.score) best = { angle, score };
  }
  return Math.round(best.angle * 10) / 10;
}

function profileSharpness(points: number[], slope: number, height: number, stride: number): number {
  const offset = Math.ceil(Math.abs(slope) * height * 2) + 1;
  const bins = new Float64Array(Math.ceil((height + 2 * offset) / stride) + 1);
  for (let i = 0; i < points.length; i += 2) {
    const bin = Math.round(((points[i + 1] ?? 0) - (points[i] ?? 0) * slope + offset) / stride);
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  let sum = 0;
  for (const count of bins) sum += count * count;
  return sum;
}

/**
 * Whitens dark runs longer than 1 in horizontally or 0.6 in vertically: table rules, never glyphs
 * (a 24-pt capital is 0.33 in tall). Works in place.
 */
export function removeRules(gray: Uint8Array, width: number, height: number, dpi: number): void {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) markRuns(gray, mask, y * width, 1, width, dpi);
  for (let x = 0; x < width; x++) markRuns(gray, mask, x, width, height, Math.round(dpi * 0.6));
  // Also clear the anti-aliased fringe one pixel either side, which otherwise reads as "|" or "_".
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    gray[i] = 255;
    for (const j of [i - 1, i + 1, i - width, i + width])
      if (j >= 0 && j < gray.length && (gray[j] ?? 0) < FRINGE) gray[j] = 255;
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
    const dark = i < count && (gray[start + i * step] ?? 255) < RULE_DARK;
    if (dark && runStart < 0) runStart = i;
    if (!dark && runStart >= 0) {
      if (i - runStart >= minRun) for (let j = runStart; j < i; j++) mask[start + j * step] = 1;
      runStart = -1;
    }
  }
}
