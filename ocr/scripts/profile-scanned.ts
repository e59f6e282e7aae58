// CPU per non-engine step of a scanned page in one thread, over the scanned fixtures (the first
// pass is warm-up): npx tsx ocr/scripts/profile-scanned.ts [rounds]   (from the repository root)
// The steps are those processPdfPage runs for a scan, one after another so each can be timed;
// the OCR engine itself is left out (bench.ts measures it against native Tesseract).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { loadFixtures } from '../src/bench/fixtures.js';
import { estimateSkew, removeRules } from '../src/engines/deskew.js';
import { prepareForOcr, stretchContrast, toPgm } from '../src/engines/preprocess.js';
import { DEFAULT_DISPLAY_DPI } from '../src/pipeline/page.js';
import { encodeDisplay, resizeRaw } from '../src/pipeline/rasterize.js';
import { findScanImage } from '../src/pipeline/scan-image.js';
import { extractTextLayerWords } from '../src/pipeline/text-layer.js';
import type { RawImage } from '../src/types.js';
import { profilePages } from './step-profile.js';

sharp.concurrency(1);
const files = loadFixtures(resolve('fixtures'), 'scanned').map((f) => readFileSync(f.pdfPath));
const rounds = Number(process.argv[2] ?? 3);
async function gray(image: RawImage): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  })
    .flatten({ background: '#ffffff' })
    .grayscale()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const result = await profilePages(files, rounds, async (_doc, page, step) => {
  await step('text layer (empty)', () => extractTextLayerWords(page));
  const scan = await step('find + decode scan image', () => findScanImage(page));
  if (!scan) throw new Error(`page ${page.pageNumber} has no scan image`);
  const image = scan.image;
  const width = Math.round((page.getViewport({ scale: 1 }).width * DEFAULT_DISPLAY_DPI) / 72);
  const display = await step('display: resize', () => resizeRaw(image, width));
  await step('display: WebP + thumbnail', () => encodeDisplay(display, { thumbWidth: 200 }));
  // prepareForOcr as a whole, then its parts on a copy (the parts add up to about the whole).
  await step('prepareForOcr (whole)', () => prepareForOcr(image, { dpi: 200 }));
  const g = await step('prep: gray', () => gray(image));
  await step('prep: stretch contrast', () => stretchContrast(g.data));
  const skew = await step('prep: estimate skew', () => estimateSkew(g.data, g.width, g.height));
  const rotated = await step('prep: rotate', () =>
    sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } })
      .rotate(-skew, { background: '#ffffff' })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  await step('prep: remove rules', () =>
    removeRules(rotated.data, rotated.info.width, rotated.info.height, 200),
  );
  await step('prep: PGM', () => toPgm(rotated.data, rotated.info.width, rotated.info.height, 1));
});
console.log(JSON.stringify(result, null, 1));
