/**
 * Rotation of 8-bit grey pages that gives, byte for byte, what sharp's `rotate(angle, { background })`
 * gives (libvips: vips_rotate → vips_affine with the bilinear interpolator), in a fraction of the
 * time: deskew used to spend 70–95 ms of CPU a page in sharp.
 *
 * Exactness rests on copying vips's arithmetic step by step: the same double-precision matrix,
 * output area and source coordinates (accumulated along the row, restarted at every output tile),
 * then its fixed-point bilinear weights and rounding.
 */

const WHITE = 255;
/** vips's bilinear interpolator works in 12-bit fixed point (VIPS_INTERPOLATE_SHIFT) for uchar. */
const SHIFT = 12;
const SCALE = 1 << SHIFT;
const MASK = SCALE - 1;
const HALF = 1 << (SHIFT - 1);
/**
 * vips computes its output in 128 × 128 tiles, and in each tile row it starts the source coordinates
 * afresh from the matrix at the tile's left edge, then adds the per-pixel step. Restarting at the same
 * places keeps our doubles equal to vips's, and so the fixed-point coordinates derived from them.
 */
const TILE = 128;
/** Fixed-point source coordinates must fit in an int32. */
const MAX_SIDE = (2 ** 31 - 1) / SCALE - 3;

/** Rotates an 8-bit single-channel image by `degrees` clockwise about its centre, growing the canvas, white background — the same pixels as sharp's rotate. */
export function rotateGray(
  gray: Uint8Array,
  width: number,
  height: number,
  degrees: number,
): { data: Buffer; width: number; height: number } {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`bad image size ${width}×${height}`);
  if (width > MAX_SIDE || height > MAX_SIDE) throw new RangeError(`image too large: ${width}×${height}`);
  if (gray.length !== width * height)
    throw new RangeError(`expected ${width * height} bytes, got ${gray.length}`);
  if (!Number.isFinite(degrees)) throw new RangeError(`bad angle ${degrees}`);
  // sharp takes integral multiples of 90° as an exact quarter-turn, not a resampling.
  if (Number.isInteger(degrees) && degrees % 90 === 0) return quarterTurns(gray, width, height, degrees);

  // vips_similarity: VIPS_RAD, then X = a·x + b·y, Y = c·x + d·y.
  const [sin, cos] = sinCos((degrees / 360) * 2 * Math.PI);
  const a = cos;
  const b = -sin;
  const c = sin;
  const d = cos;
  // vips__transform_calc_inverse: the direct 2 × 2 inverse.
  const det = a * d - b * c;
  const t = 1 / det;
  const ia = t * d;
  const ib = -t * b;
  const ic = -t * c;
  const id = t * a;

  // vips__transform_set_area: the forward-mapped input rectangle, rounded to the nearest pixel.
  const xs = [0, a * width, b * height, a * width + b * height];
  const ys = [0, c * width, d * height, c * width + d * height];
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const outLeft = roundInt(left);
  const outTop = roundInt(top);
  const outWidth = roundInt(Math.max(...xs) - left);
  const outHeight = roundInt(Math.max(...ys) - top);

  // Every byte is written below: the span each row resamples, white around it.
  const data = Buffer.allocUnsafe(outWidth * outHeight);
  const src = plainBytes(gray);
  const out = plainBytes(data);
  for (let y = 0; y < outHeight; y++) {
    const oy = y + outTop;
    const ibOy = ib * oy;
    const idOy = id * oy;
    // Source coordinates (+1: vips pads the input with a one-pixel background border) at x = 0.
    const ix0 = ia * outLeft + ibOy + 1;
    const iy0 = ic * outLeft + idOy + 1;
    // Only pixels whose source falls inside the padded input are resampled; the rest are white.
    // Solve for that span on the straight line, with a margin the exact per-pixel test trims; and
    // for the span, a pixel inside it, whose 2 × 2 neighbourhood is surely all in the image.
    const [x0, x1] = intersect(span(ia, ix0, 0, width + 1), span(ic, iy0, 0, height + 1));
    const rowStart = y * outWidth;
    const start = clamp(Math.floor(x0) - 2, 0, outWidth);
    const end = clamp(Math.ceil(x1) + 3, start, outWidth);
    out.fill(WHITE, rowStart, rowStart + start);
    out.fill(WHITE, rowStart + end, rowStart + outWidth);
    if (start === end) continue;
    const [i0, i1] = intersect(span(ia, ix0, 2, width - 1), span(ic, iy0, 2, height - 1));
    const innerFrom = clamp(Math.ceil(i0), start, end);
    const innerTo = clamp(Math.floor(i1), innerFrom, end);
    resampleRow(
      src,
      width,
      height,
      out,
      rowStart,
      start,
      end,
      innerFrom,
      innerTo,
      outLeft,
      ia,
      ic,
      ibOy,
      idOy,
    );
  }
  return { data, width: outWidth, height: outHeight };
}

/**
 * Output pixels [start, end) of one row, walked tile by tile as vips walks them; those in
 * [innerFrom, innerTo) read a 2 × 2 neighbourhood that lies wholly inside the image.
 */
function resampleRow(
  src: Uint8Array,
  width: number,
  height: number,
  out: Uint8Array,
  rowStart: number,
  start: number,
  end: number,
  innerFrom: number,
  innerTo: number,
  outLeft: number,
  ia: number,
  ic: number,
  ibOy: number,
  idOy: number,
): void {
  for (let tile = start - (start % TILE); tile < end; tile += TILE) {
    const ox = tile + outLeft;
    // vips_affine_gen: (ia·ox + ib·oy) − idx, where idx = −1 for the border it added.
    let ix = ia * ox + ibOy + 1;
    let iy = ic * ox + idOy + 1;
    let x = tile;
    for (; x < start; x++) {
      ix += ia;
      iy += ic;
    }
    const stop = tile + TILE < end ? tile + TILE : end;
    while (x < stop) {
      if (x >= innerFrom && x < innerTo) {
        // The bulk of the page: no clipping, no edge, so no tests.
        const to = stop < innerTo ? stop : innerTo;
        for (; x < to; x++) {
          // Exact: ix·4096 is a double without rounding, and truncation is floor for ix ≥ 0.
          // Literal constants and no Math calls: V8 then keeps this, the hottest loop, on int32
          // arithmetic (all products are far below 2³¹), and Jest's VM context, where every
          // global lookup is slow, does not slow it down.
          const sx = (ix * 4096) | 0;
          const sy = (iy * 4096) | 0;
          const i = ((sy >> 12) - 1) * width + (sx >> 12) - 1;
          // BILINEAR_INT: 12-bit weights from the truncated fractions, then round to nearest.
          const fx = sx & 4095;
          const fy = sy & 4095;
          const fyd = 4096 - fy;
          const c4 = (fy * fx) >> 12;
          const c2 = (fyd * fx) >> 12;
          out[rowStart + x] =
            ((fyd - c2) * src[i]! +
              c2 * src[i + 1]! +
              (fy - c4) * src[i + width]! +
              c4 * src[i + width + 1]! +
              2048) >>
            12;
          ix += ia;
          iy += ic;
        }
      } else {
        const to = x < innerFrom && innerFrom < stop ? innerFrom : stop;
        for (; x < to; x++) {
          out[rowStart + x] = edgePixel(src, width, height, ix, iy);
          ix += ia;
          iy += ic;
        }
      }
    }
  }
}

/** One pixel near or beyond the image edge, with vips's clipping and background-coloured border. */
function edgePixel(src: Uint8Array, width: number, height: number, ix: number, iy: number): number {
  // vips's clip: floor of the padded coordinate within [0, width] × [0, height].
  if (!(ix >= 0 && ix < width + 1 && iy >= 0 && iy < height + 1)) return WHITE;
  const sx = (ix * SCALE) | 0;
  const sy = (iy * SCALE) | 0;
  const col = (sx >> SHIFT) - 1;
  const row = (sy >> SHIFT) - 1;
  const p1 = pixelOrWhite(src, width, height, col, row);
  const p2 = pixelOrWhite(src, width, height, col + 1, row);
  const p3 = pixelOrWhite(src, width, height, col, row + 1);
  const p4 = pixelOrWhite(src, width, height, col + 1, row + 1);
  const fx = sx & MASK;
  const fy = sy & MASK;
  const fyd = SCALE - fy;
  const c4 = (fy * fx) >> SHIFT;
  const c2 = (fyd * fx) >> SHIFT;
  return ((fyd - c2) * p1 + c2 * p2 + (fy - c4) * p3 + c4 * p4 + HALF) >> SHIFT;
}

/**
 * A plain Uint8Array over the same bytes. Callers pass Buffers or Uint8Arrays, and the output is a
 * Buffer: with one kind of array throughout, V8's element accesses in the loops stay monomorphic.
 */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** The edge of the image: vips embeds the input in background-coloured pixels before resampling. */
function pixelOrWhite(src: Uint8Array, width: number, height: number, col: number, row: number): number {
  return col >= 0 && col < width && row >= 0 && row < height ? src[row * width + col]! : WHITE;
}

/** The x interval where lo ≤ at0 + slope·x < hi, ignoring rounding. */
function span(slope: number, at0: number, lo: number, hi: number): [number, number] {
  if (slope > 0) return [(lo - at0) / slope, (hi - at0) / slope];
  if (slope < 0) return [(hi - at0) / slope, (lo - at0) / slope];
  return at0 >= lo && at0 < hi ? [-Infinity, Infinity] : [Infinity, -Infinity];
}

function intersect(p: [number, number], q: [number, number]): [number, number] {
  return [Math.max(p[0], q[0]), Math.min(p[1], q[1])];
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** VIPS_ROUND_INT: half away from zero, by truncation. */
function roundInt(v: number): number {
  return Math.trunc(v > 0 ? v + 0.5 : v - 0.5);
}

/** Exact rotation by a multiple of 90° clockwise, as sharp's rotate() does for such angles (vips_rot). */
function quarterTurns(
  gray: Uint8Array,
  width: number,
  height: number,
  degrees: number,
): { data: Buffer; width: number; height: number } {
  const turns = (((degrees / 90) % 4) + 4) % 4;
  if (turns === 0) return { data: Buffer.from(gray), width, height };
  if (turns === 2) {
    const out = Buffer.allocUnsafe(width * height);
    for (let i = 0, n = width * height; i < n; i++) out[i] = gray[n - 1 - i]!;
    return { data: out, width, height };
  }
  // A quarter turn swaps the sides: output (x, y) reads input (y, height−1−x) clockwise,
  // (width−1−y, x) anticlockwise.
  const out = Buffer.allocUnsafe(width * height);
  const clockwise = turns === 1;
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < height; x++) {
      out[y * height + x] = clockwise
        ? gray[(height - 1 - x) * width + y]!
        : gray[x * width + (width - 1 - y)]!;
    }
  }
  return { data: out, width: height, height: width };
}

const FRACTION_BITS = 300n;

/**
 * sin and cos rounded correctly to double. vips takes them from the C library; glibc's agree with the
 * correctly rounded values at every 0.001° step within ±5° (checked against Python's math, which
 * calls the same libm) and at all but about 1 in 7000 random angles there, where glibc is within
 * 0.5001 ulp. V8's Math.sin/Math.cos are off by one ulp for about 1 angle in 150, each a chance to
 * move a source coordinate across a 1/4096 step. A Taylor series in 300-bit fixed point costs
 * microseconds. Beyond |x| = 8 rad (no page is turned that far) we fall back to Math.
 */
function sinCos(x: number): [number, number] {
  if (!(Math.abs(x) < 8)) return [Math.sin(x), Math.cos(x)];
  // sin x rounds to x and cos x to 1 when x² is below half an ulp of 1.
  if (Math.abs(x) < 2 ** -30) return [x, 1];
  let mantissa = x;
  let shift = 0n;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    shift++;
  }
  const fixed = BigInt(mantissa) << (FRACTION_BITS - shift);
  const square = (fixed * fixed) >> FRACTION_BITS;
  let sin = fixed;
  for (let term = fixed, n = 2n; term !== 0n; n += 2n) {
    term = -((term * square) >> FRACTION_BITS) / (n * (n + 1n));
    sin += term;
  }
  const one = 1n << FRACTION_BITS;
  let cos = one;
  for (let term = one, n = 1n; term !== 0n; n += 2n) {
    term = -((term * square) >> FRACTION_BITS) / (n * (n + 1n));
    cos += term;
  }
  // Number(bigint) rounds to nearest; dividing by a power of two is then exact.
  const unit = 2 ** Number(FRACTION_BITS);
  return [Number(sin) / unit, Number(cos) / unit];
}
