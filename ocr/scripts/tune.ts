// Tuning aid: WER and speed of engine × PSM × preprocessing on the scanned fixtures (same images).
// npx tsx ocr/scripts/tune.ts [fixturesDir] [pageLimit]
import { loadFixtures } from '../src/bench/fixtures.js';
import { loadScannedSamples, runEngine } from '../src/bench/scanned.js';
import { createNativeEngine } from '../src/engines/native.js';
import { createTesseractJsEngine } from '../src/engines/tesseractjs.js';

const fixturesDir = process.argv[2] ?? 'fixtures';
const samples = await loadScannedSamples(
  loadFixtures(fixturesDir, 'scanned'),
  Number(process.argv[3] ?? Infinity),
);
console.log(`${samples.length} pages`);
const tjs = createTesseractJsEngine(2);
await runEngine('warm-up', tjs, samples.slice(0, 2), 4);
const configs = [
  ['native plain', () => createNativeEngine(2, { raw: true }), [3, 4, 6]],
  ['native + preprocessing', () => createNativeEngine(2), [4, 6]],
  ['tesseract.js + preprocessing', () => tjs, [4, 6]],
] as const;
for (const [label, make, psms] of configs) {
  for (const psm of psms) {
    const { perPage, ...run } = await runEngine(`${label} psm ${psm}`, make(), samples, psm);
    console.log(JSON.stringify(run), perPage.map((p) => p.wer).join(' '));
  }
}
await tjs.close();
