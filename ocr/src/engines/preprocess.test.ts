import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { itOnScannedPages } from '../testing/scanned-pages.js';
import type { RawImage } from '../types.js';
import { stretchContrast } from './preprocess.js';
import { parseTsv } from './tsv.js';

/** What preprocessing did before: sharp's own normalise() on the grey image. */
async function sharpNormalise(image: RawImage): Promise<Buffer> {
  const raw = { width: image.width, height: image.height, channels: image.channels };
  return sharp(image.data, { raw })
    .flatten({ background: '#ffffff' })
    .grayscale()
    .normalise()
    .extractChannel(0)
    .raw()
    .toBuffer();
}

async function oursNormalise(image: RawImage): Promise<Buffer> {
  const raw = { width: image.width, height: image.height, channels: image.channels };
  const gray = await sharp(image.data, { raw })
    .flatten({ background: '#ffffff' })
    .grayscale()
    .extractChannel(0)
    .raw()
    .toBuffer();
  await stretchContrast(gray);
  return gray;
}

/** A page-like grey image: paper with speckle, a faint band and dark "ink" strokes. */
function syntheticScan(width: number, height: number, seed: number): RawImage {
  const data = Buffer.alloc(width * height);
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = y % 23 < 3 && x % 11 < 6;
      const band = x > width / 3 && x < width / 2 ? 30 : 0;
      data[y * width + x] = ink ? 40 + Math.floor(random() * 60) : 235 - band - Math.floor(random() * 25);
    }
  }
  return { data, width, height, channels: 1 };
}

describe('contrast stretch', () => {
  it('gives exactly what sharp normalise() gives, at a fraction of the cost', async () => {
    for (const [i, image] of [syntheticScan(900, 1200, 7), syntheticScan(640, 480, 99)].entries()) {
      expect({ i, same: (await oursNormalise(image)).equals(await sharpNormalise(image)) }).toEqual({
        i,
        same: true,
      });
    }
  });

  it('leaves an image with almost no range alone, as sharp does', async () => {
    const flat: RawImage = { data: Buffer.alloc(400 * 300, 200), width: 400, height: 300, channels: 1 };
    expect((await oursNormalise(flat)).equals(await sharpNormalise(flat))).toBe(true);
  });

  itOnScannedPages('matches sharp on every scanned fixture page', async (samples) => {
    for (const sample of samples) {
      const same = (await oursNormalise(sample.image)).equals(await sharpNormalise(sample.image));
      expect({ page: sample.id, same }).toEqual({ page: sample.id, same: true });
    }
  });
});

describe('Tesseract TSV', () => {
  const rows = [
    '1\t1\t0\t0\t0\t0\t0\t0\t600\t120\t-1\t',
    '4\t1\t1\t1\t1\t0\t20\t40\t289\t35\t-1\t',
    '5\t1\t1\t1\t1\t1\t20\t40\t100\t35\t96.5\tTotal',
    '5\t1\t1\t1\t1\t2\t130\t40\t179\t35\t91\t1.234,56',
    '5\t1\t1\t1\t2\t1\t20\t90\t80\t30\t88\tIVA',
  ];
  it('reads words, boxes and lines with the CLI header row and without it (tesseract.js)', () => {
    const header =
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
    for (const tsv of [[header, ...rows].join('\n'), rows.join('\n')]) {
      const result = parseTsv(tsv);
      expect(result.text).toBe('Total 1.234,56\nIVA');
      expect(result.words[1]).toEqual({
        text: '1.234,56',
        bbox: { x0: 130, y0: 40, x1: 309, y1: 75 },
        confidence: 91,
        lineKey: '1.1.1',
      });
    }
  });
});
