import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { itOnScannedPages } from '../testing/scanned-pages.js';
import type { RawImage } from '../types.js';
import { estimateSkew, removeRules } from './deskew.js';
import { grayFromNeutralPixels } from './preprocess.js';

// The straightforward versions these functions had before they were rewritten for speed (number[]
// points, a column-at-a-time pass, an array per fringe pixel): the rewrite must match them exactly.
function referenceSkew(gray: Uint8Array, width: number, height: number): number {
  const points: number[] = [];
  const stride = Math.max(1, Math.round(width / 800));
  for (let y = 0; y < height; y += stride) {
    for (let x = 0; x < width; x += stride) if ((gray[y * width + x] ?? 255) < 128) points.push(x, y);
  }
  if (points.length < 200) return 0;
  let best = { angle: 0, score: -1 };
  for (let angle = -3; angle <= 3 + 1e-9; angle += 0.1) {
    const slope = Math.tan((angle * Math.PI) / 180);
    const offset = Math.ceil(Math.abs(slope) * height * 2) + 1;
    const bins = new Float64Array(Math.ceil((height + 2 * offset) / stride) + 1);
    for (let i = 0; i < points.length; i += 2) {
      const bin = Math.round(((points[i + 1] ?? 0) - (points[i] ?? 0) * slope + offset) / stride);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    let score = 0;
    for (const count of bins) score += count * count;
    if (score > best.score) best = { angle, score };
  }
  return Math.round(best.angle * 10) / 10;
}

function referenceRemoveRules(gray: Uint8Array, width: number, height: number, dpi: number): void {
  const mask = new Uint8Array(width * height);
  const runs = (start: number, step: number, count: number, minRun: number) => {
    let runStart = -1;
    for (let i = 0; i <= count; i++) {
      const dark = i < count && (gray[start + i * step] ?? 255) < 165;
      if (dark && runStart < 0) runStart = i;
      if (!dark && runStart >= 0) {
        if (i - runStart >= minRun) for (let j = runStart; j < i; j++) mask[start + j * step] = 1;
        runStart = -1;
      }
    }
  };
  for (let y = 0; y < height; y++) runs(y * width, 1, width, dpi);
  for (let x = 0; x < width; x++) runs(x, width, height, Math.round(dpi * 0.6));
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    gray[i] = 255;
    for (const j of [i - 1, i + 1, i - width, i + width])
      if (j >= 0 && j < gray.length && (gray[j] ?? 0) < 200) gray[j] = 255;
  }
}

async function sharpGray(image: RawImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .flatten({ background: '#ffffff' })
    .grayscale()
    .extractChannel(0)
    .raw()
    .toBuffer();
}

/** A ruled table page: grid lines (some running off the edges), text-like strokes, noise, a slight slope. */
function ruledPage(width: number, height: number, seed: number, slope: number): Uint8Array {
  const data = new Uint8Array(width * height).fill(240);
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const yy = Math.round(y + x * slope);
      const rule = yy % 97 < 2 || x % 211 < 2 || x === 0 || y === height - 1;
      const ink = yy % 29 < 4 && x % 13 < 7 && random() < 0.8;
      data[y * width + x] = rule
        ? 90 + Math.floor(random() * 90)
        : ink
          ? 30 + Math.floor(random() * 120)
          : 220;
    }
  }
  return data;
}

describe('deskew and rule removal', () => {
  it('match the reference versions on synthetic ruled pages', () => {
    for (const [i, [w, h, slope]] of [
      [700, 900, 0.02],
      [1200, 800, -0.03],
      [333, 1500, 0],
    ].entries()) {
      const page = ruledPage(w!, h!, i + 3, slope!);
      expect(estimateSkew(page, w!, h!)).toBe(referenceSkew(page, w!, h!));
      const ours = Uint8Array.from(page);
      const reference = Uint8Array.from(page);
      removeRules(ours, w!, h!, 200);
      referenceRemoveRules(reference, w!, h!, 200);
      expect(Buffer.from(ours).equals(Buffer.from(reference))).toBe(true);
    }
  });

  it('reads a neutral RGB(A) image as sharp does, and leaves colour or transparency to sharp', async () => {
    const levels = Buffer.alloc(256 * 4);
    for (let v = 0; v < 256; v++) levels.set([v, v, v, 255], v * 4);
    const rgba: RawImage = { data: levels, width: 16, height: 16, channels: 4 };
    const counts = new Uint32Array(256);
    expect(grayFromNeutralPixels(rgba, counts)!.equals(await sharpGray(rgba))).toBe(true);
    expect([...counts]).toEqual(new Array<number>(256).fill(1));
    const colour = Buffer.from(levels);
    colour[401] = 7;
    // A half-counted histogram is never left behind when the image turns out not to be grey.
    expect(grayFromNeutralPixels({ ...rgba, data: colour }, counts)).toBeUndefined();
    expect(counts.every((c) => c === 0)).toBe(true);
    const transparent = Buffer.from(levels);
    transparent[3] = 0;
    expect(grayFromNeutralPixels({ ...rgba, data: transparent })).toBeUndefined();
  });

  itOnScannedPages(
    'match the reference versions and sharp on every scanned fixture page',
    async (samples) => {
      for (const sample of samples) {
        const gray = await sharpGray(sample.image);
        const fast = grayFromNeutralPixels(sample.image);
        const { width, height } = sample.image;
        const ours = Uint8Array.from(gray);
        const reference = Uint8Array.from(gray);
        removeRules(ours, width, height, sample.dpi);
        referenceRemoveRules(reference, width, height, sample.dpi);
        expect({
          page: sample.id,
          gray: fast?.equals(gray),
          skew: estimateSkew(gray, width, height) === referenceSkew(gray, width, height),
          rules: Buffer.from(ours).equals(Buffer.from(reference)),
        }).toEqual({ page: sample.id, gray: true, skew: true, rules: true });
      }
    },
    120_000,
  );
});
