import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { itOnScannedPages } from '../testing/scanned-pages.js';
import { estimateSkew } from './deskew.js';
import { grayFromNeutralPixels, stretchContrast } from './preprocess.js';
import { rotateGray } from './rotate.js';

const ANGLES = [-3, -1.7, -1.3, -0.3, 0.3, 0.9, 1.3, 2.2, 3];

/** What deskew did before: sharp's rotate on the grey plane, kept grey. */
async function sharpRotate(
  gray: Uint8Array,
  width: number,
  height: number,
  degrees: number,
): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(gray, { raw: { width, height, channels: 1 } })
    .pipelineColourspace('b-w')
    .rotate(degrees, { background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * xorshift32 in [0, 1). Shifts only, and no Math calls per pixel: in Jest's VM context every global
 * lookup is slow, which makes page-sized loops crawl.
 */
function generator(seed: number): () => number {
  let state = seed | 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function noise(width: number, height: number, seed: number): Buffer {
  const random = generator(seed);
  const data = Buffer.alloc(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (random() * 256) | 0;
  return data;
}

/** White paper with speckle, lines of dark word-like strokes, ruling lines and a rule along two edges. */
function syntheticPage(width: number, height: number, seed: number): Buffer {
  const random = generator(seed);
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    const line = (y / 46) | 0;
    for (let x = 0; x < width; x++) {
      const ink = y % 46 >= 14 && y % 46 < 30 && x % 13 < 5 && (x * 7 + line * 31) % 97 > 18;
      const rule = y < 2 || x < 2 || y % 460 < 2 || (x % 520 < 2 && y > 100 && y < height - 100);
      data[y * width + x] = ink ? 25 + random() * 50 : rule ? 60 + random() * 30 : 238 + random() * 17.9;
    }
  }
  return data;
}

/** Sizes, whether the bytes are identical, and how many differ (0 when they are: a failure shows how bad). */
async function compare(gray: Uint8Array, width: number, height: number, degrees: number) {
  const ours = rotateGray(gray, width, height, degrees);
  const theirs = await sharpRotate(gray, width, height, degrees);
  let differing = 0;
  const n = Math.min(ours.data.length, theirs.data.length);
  for (let i = 0; i < n; i++) if (ours.data[i] !== theirs.data[i]) differing++;
  return {
    input: `${width}×${height} at ${degrees}°`,
    ours: { width: ours.width, height: ours.height, same: ours.data.equals(theirs.data), differing },
    sharp: { width: theirs.width, height: theirs.height, same: true, differing: 0 },
  };
}

describe('rotateGray', () => {
  it('gives the same bytes as sharp on noise, for even, odd and small sizes', async () => {
    const sizes: [number, number][] = [
      [37, 53],
      [3, 2],
      [200, 149],
      [641, 480],
      [1001, 1333],
    ];
    for (const [width, height] of sizes) {
      const gray = noise(width, height, width * 31 + height);
      for (const degrees of ANGLES) {
        const result = await compare(gray, width, height, degrees);
        expect({ input: result.input, ...result.ours }).toEqual({ input: result.input, ...result.sharp });
      }
    }
  });

  it('gives the same bytes as sharp on a synthetic scanned page', async () => {
    const gray = syntheticPage(1653, 2338, 7);
    for (const degrees of ANGLES) {
      const result = await compare(gray, 1653, 2338, degrees);
      expect({ input: result.input, ...result.ours }).toEqual({ input: result.input, ...result.sharp });
    }
    // The page's own size in the usual case: 1706×2375 at −1.3°.
    expect(rotateGray(gray, 1653, 2338, -1.3)).toMatchObject({ width: 1706, height: 2375 });
  });

  it('restarts source coordinates at the 128-pixel tiles vips computes in', async () => {
    // At these pixels the coordinate vips reaches by adding the step from the tile's left edge and
    // the one reached from the row's start fall either side of a 1/4096 step; with these four source
    // pixels the two round to different grey levels, so accumulating over the whole row would fail.
    const cases: { degrees: number; at: [number, number]; pixels: [number, number, number, number] }[] = [
      { degrees: -1.3, at: [1537, 545], pixels: [255, 0, 0, 255] },
      { degrees: 0.3, at: [1035, 1984], pixels: [251, 0, 0, 255] },
      { degrees: 2.2, at: [945, 1178], pixels: [248, 0, 255, 255] },
      { degrees: 2.2, at: [1418, 1767], pixels: [253, 0, 255, 255] },
      { degrees: 3, at: [1281, 1204], pixels: [254, 0, 0, 255] },
    ];
    const page = syntheticPage(1653, 2338, 11);
    for (const { degrees, at, pixels } of cases) {
      const gray = Buffer.from(page);
      const [x, y] = at;
      [gray[y * 1653 + x], gray[y * 1653 + x + 1], gray[(y + 1) * 1653 + x], gray[(y + 1) * 1653 + x + 1]] =
        pixels;
      const result = await compare(gray, 1653, 2338, degrees);
      expect({ input: result.input, ...result.ours }).toEqual({ input: result.input, ...result.sharp });
    }
  });

  it('turns by whole quarter turns exactly, as sharp does', async () => {
    const gray = noise(37, 53, 5);
    for (const degrees of [0, 90, 180, 270, -90, 450]) {
      const result = await compare(gray, 37, 53, degrees);
      expect({ input: result.input, ...result.ours }).toEqual({ input: result.input, ...result.sharp });
    }
  });

  itOnScannedPages(
    'gives the same bytes as sharp on every scanned fixture page, at the skew deskew finds',
    async (samples) => {
      for (const sample of samples) {
        const { width, height } = sample.image;
        const gray = grayFromNeutralPixels(sample.image)!;
        await stretchContrast(gray);
        const skew = estimateSkew(gray, width, height);
        expect(Math.abs(skew)).toBeGreaterThanOrEqual(0.3);
        const result = await compare(gray, width, height, -skew);
        expect({ input: result.input, ...result.ours }).toEqual({ input: result.input, ...result.sharp });
      }
    },
  );

  it('rejects a buffer of the wrong size', () => {
    expect(() => rotateGray(new Uint8Array(10), 4, 3, 1)).toThrow(RangeError);
  });
});
