import { readFileSync } from 'node:fs';
import { createOcrPool, runPipeline, wordErrorRate, charErrorRate } from '../../src/index.js';
const engine = (process.argv[3] ?? 'tesseractjs') as 'native' | 'tesseractjs';
const ocr = createOcrPool({ size: 2, engine });
const file = process.argv[2] ?? '';
const t = Date.now();
const res = await runPipeline(readFileSync(file), {
  languages: (process.argv[4] ?? 'spa') as 'spa',
  ocr,
  psm: Number(process.argv[5] ?? 4),
});
console.log('ms', Date.now() - t);
for (const p of res.pages) {
  console.log(
    p.number,
    p.source,
    p.width,
    p.height,
    p.words.length,
    p.meanConfidence,
    p.display.width,
    p.display.height,
    p.display.webp.length,
    p.thumbnail.width,
  );
  console.log(p.text.slice(0, 600));
}
if (process.argv[6]) {
  const ref = readFileSync(process.argv[6], 'utf8');
  const hyp = res.pages.map((p) => p.text).join('\n');
  console.log('WER', wordErrorRate(ref, hyp).toFixed(3), 'CER', charErrorRate(ref, hyp).toFixed(3));
}
await ocr.close();
