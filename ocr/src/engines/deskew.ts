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
  const { xs, ys, n } = darkSamples(gray, width, height, stride);
  if (n < 100) return 0;
  // One bin buffer for every angle, sized for the steepest one, cleared in between.
  const maxOffset = Math.ceil(Math.tan((MAX_ANGLE * Math.PI) / 180) * height * 2) + 2;
  const bins = new Int32Array(Math.ceil((height + 2 * maxOffset) / stride) + 2);
  let best = { angle: 0, score: -1 };
  for (let angle = -MAX_ANGLE; angle <= MAX_ANGLE + 1e-9; angle += STEP) {
    const score = profileSharpness(xs, ys, n, bins, Math.tan((angle * Math.PI) / 180), height, stride);
    if (score > best.score) best = { angle, score };
  }
  return Math.round(best.angle * 10) / 10;
}

/** The dark pixels of a stride × stride sampling grid, as x and y coordinate arrays. */
function darkSamples(
  gray: Uint8Array,
  width: number,
  height: number,
  stride: number,
): { xs: Float64Array; ys: Float64Array; n: number } {
  let n = 0;
  for (let y = 0; y < height; y += stride) {
    const row = y * width;
    for (let x = 0; x < width; x += stride) if (gray[row + x]! < DARK) n++;
  }
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let i = 0;
  for (let y = 0; y < height; y += stride) {
    const row = y * width;
    for (let x = 0; x < width; x += stride) {
      if (gray[row + x]! < DARK) {
        xs[i] = x;
        ys[i++] = y;
      }
    }
  }
  return { xs, ys, n };
}

/**
 * Sum of squared bin counts of the points projected along `slope`. Each point's bin is
 * round((y − x·slope + offset) / stride), evaluated in that order; for a power-of-two stride the
 * division is a multiplication by its exact reciprocal, which gives the same doubles.
 */
function profileSharpness(
  xs: Float64Array,
  ys: Float64Array,
  n: number,
  bins: Int32Array,
  slope: number,
  height: number,
  stride: number,
): number {
  const offset = Math.ceil(Math.abs(slope) * height * 2) + 1;
  const used = Math.ceil((height + 2 * offset) / stride) + 1;
  bins.fill(0, 0, used);
  if ((stride & (stride - 1)) === 0) {
    const inverse = 1 / stride;
    for (let i = 0; i < n; i++) bins[Math.round((ys[i]! - xs[i]! * slope + offset) * inverse)]!++;
  } else {
    for (let i = 0; i < n; i++) bins[Math.round((ys[i]! - xs[i]! * slope + offset) / stride)]!++;
  }
  let sum = 0;
  for (let i = 0; i < used; i++) {
    const count = bins[i]!;
    sum += count * count;
  }
  return sum;
}

/**
 * Whitens dark runs longer than 1 in horizontally or 0.6 in vertically: table rules, never glyphs
 * (a 24-pt capital is 0.33 in tall). Works in place.
 */
export function removeRules(gray: Uint8Array, width: number, height: number, dpi: number): void {
  const mask = markRules(gray, width, height, dpi, Math.round(dpi * 0.6));
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

/**
 * Marks every horizontal run of at least `minRow` dark pixels and every vertical run of at least
 * `minColumn`, in one pass over the image row by row: a row's runs close within the row, each
 * column's run stays open across rows (walking down a column would miss the cache on every read).
 */
function markRules(
  gray: Uint8Array,
  width: number,
  height: number,
  minRow: number,
  minColumn: number,
): Uint8Array {
  const mask = new Uint8Array(width * height);
  const columnStart = new Int32Array(width).fill(-1);
  const closeColumn = (x: number, end: number) => {
    const start = columnStart[x]!;
    if (end - start >= minColumn) for (let y = start; y < end; y++) mask[y * width + x] = 1;
    columnStart[x] = -1;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let rowStart = -1;
    for (let x = 0; x < width; x++) {
      if (gray[row + x]! < RULE_DARK) {
        if (rowStart < 0) rowStart = x;
        if (columnStart[x]! < 0) columnStart[x] = y;
      } else {
        if (rowStart >= 0) {
          if (x - rowStart >= minRow) mask.fill(1, row + rowStart, row + x);
          rowStart = -1;
        }
        if (columnStart[x]! >= 0) closeColumn(x, y);
      }
    }
    if (rowStart >= 0 && width - rowStart >= minRow) mask.fill(1, row + rowStart, row + width);
  }
  for (let x = 0; x < width; x++) if (columnStart[x]! >= 0) closeColumn(x, height);
  return mask;
}
