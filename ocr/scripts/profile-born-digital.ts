// CPU per step of a born-digital page in one thread, over the fixtures (first pass is warm-up):
// npx tsx ocr/scripts/profile-born-digital.ts [rounds] [dpi]   (from the repository root)
// @napi-rs/canvas draws lazily, on the first pixel read: the raster is timed with the encode.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { loadFixtures } from '../src/bench/fixtures.js';
import { DEFAULT_DISPLAY_DPI } from '../src/pipeline/page.js';
import { renderDisplay } from '../src/pipeline/rasterize.js';
import { extractTextLayerWords } from '../src/pipeline/text-layer.js';
import { profilePages } from './step-profile.js';

sharp.concurrency(1);
const files = loadFixtures(resolve('fixtures'), 'born-digital').map((f) => readFileSync(f.pdfPath));
const rounds = Number(process.argv[2] ?? 3);
const dpi = Number(process.argv[3] ?? DEFAULT_DISPLAY_DPI);
const result = await profilePages(files, rounds, async (doc, page, step) => {
  await step('text layer', () => extractTextLayerWords(page));
  await step(`render ${dpi} DPI, thumbnail, WebP`, () => renderDisplay(doc, page, dpi, 200));
});
const { pages, loadAverageAtStart, cpuMsPerPage } = result;
console.log(JSON.stringify({ pages, dpi, loadAverageAtStart, cpuMsPerPage }));
