// CPU per step of a born-digital page in one thread, over the fixtures (first pass is warm-up):
// npx tsx ocr/scripts/profile-born-digital.ts [rounds] [dpi]   (from the repository root)
// The raster is timed up to getImageData: @napi-rs/canvas draws lazily, on the first pixel read.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { loadFixtures } from '../src/bench/fixtures.js';
import { openPdfDocument } from '../src/pdfjs.js';
import { DEFAULT_DISPLAY_DPI } from '../src/pipeline/page.js';
import { encodeDisplay, renderPage } from '../src/pipeline/rasterize.js';
import { extractTextLayerWords } from '../src/pipeline/text-layer.js';

sharp.concurrency(1);
const files = loadFixtures(resolve('fixtures'), 'born-digital').map((f) => readFileSync(f.pdfPath));
const rounds = Number(process.argv[2] ?? 3);
const dpi = Number(process.argv[3] ?? DEFAULT_DISPLAY_DPI);
const totals: Record<string, number> = {};
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const before = cpuMs();
  const result = await run();
  totals[name] = (totals[name] ?? 0) + cpuMs() - before;
  return result;
}
const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
let pages = 0;
for (let round = 0; round <= rounds; round++) {
  if (round === 1) {
    for (const key of Object.keys(totals)) delete totals[key];
    pages = 0;
  }
  for (const bytes of files) {
    const { doc, task } = await step('open', () => openPdfDocument(bytes));
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await step('getPage', () => doc.getPage(n));
      await step('text layer', () => extractTextLayerWords(page));
      const raw = await step(`render ${dpi} DPI`, () => renderPage(doc, page, dpi));
      await step('WebP + thumbnail', () => encodeDisplay(raw, { thumbWidth: 200 }));
      page.cleanup();
      pages++;
    }
    await step('close', () => task.destroy());
  }
}
const perPage = Object.fromEntries(
  Object.entries(totals).map(([k, v]) => [k, Math.round((v / pages) * 10) / 10]),
);
console.log(JSON.stringify({ pages, dpi, loadAverageAtStart, cpuMsPerPage: perPage }));
