// WER on ../shared/real-docs 17 and 19 for our engine at PSM 4 and 6 and for native Tesseract settings.
// npx tsx ocr/scripts/eval-real-docs.ts   (from the repository root; the documents are never copied here)
import { resolve } from 'node:path';
import { evalRealDocs, loadRealDocSamples } from '../src/bench/real-docs.js';
import { runEngine } from '../src/bench/scanned.js';
import { createNativeEngine, nativeTesseractAvailable } from '../src/engines/native.js';
import { createTesseractJsEngine } from '../src/engines/tesseractjs.js';

const samples = await loadRealDocSamples(resolve('../shared/real-docs'));
const ours = createTesseractJsEngine(2);
for (const sample of samples) {
  for (const psm of [4, 6])
    console.log(sample.id, `tesseract.js psm ${psm}`, (await runEngine('', ours, [sample], psm)).wer);
}
if (nativeTesseractAvailable()) {
  const plain = createNativeEngine(2, { raw: true });
  const prepared = createNativeEngine(2);
  const settings = {
    'native psm 3': { engine: plain, psm: 3 },
    'native psm 4': { engine: plain, psm: 4 },
    'native psm 6': { engine: plain, psm: 6 },
    'native + preprocessing psm 4': { engine: prepared, psm: 4 },
    'native + preprocessing psm 6': { engine: prepared, psm: 6 },
  };
  console.log(JSON.stringify(await evalRealDocs(samples, ours, settings), null, 2));
}
await ours.close();
