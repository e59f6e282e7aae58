// Scanned pages only, several engines alternating pass by pass in one process (fair on a shared
// machine): npx tsx ocr/scripts/bench-scanned.ts [rounds] [variant…]   (from the repository root)
// Variants: native (two `tesseract` processes, PSM 4, as in bench.ts), ours (the engine as
// configured), plain (tesseract.js forced onto its plain-SIMD wasm build), relaxed (forced onto the
// relaxed-SIMD build). Default: native ours. Prints CPU s/page and pages/s per pass and in total,
// with the 1-minute load average after each pass.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { loadFixtures } from '../src/bench/fixtures.js';
import { loadScannedSamples, runEngine, warmUp } from '../src/bench/scanned.js';
import { createNativeEngine, nativeTesseractAvailable } from '../src/engines/native.js';
import { createTesseractJsEngine, DEFAULT_PSM } from '../src/engines/tesseractjs.js';
import { enableWasmRelaxedSimd } from '../src/engines/wasm-simd.js';
import type { OcrEngine } from '../src/types.js';

const rounds = Number(process.argv[2] ?? 3);
const names = process.argv.slice(3).length > 0 ? process.argv.slice(3) : ['native', 'ours'];
const samples = await loadScannedSamples(loadFixtures(resolve('fixtures'), 'scanned'));
const state = names.some((n) => n === 'plain' || n === 'relaxed') ? enableWasmRelaxedSimd() : undefined;
// Workers are (re)started during a pass (a language change), so the flag is set before each pass.
const flagFor = (name: string) => {
  if (name === 'plain') setFlagsFromString('--no-experimental-wasm-relaxed-simd');
  if (name === 'relaxed') setFlagsFromString('--experimental-wasm-relaxed-simd');
};
const engines = new Map<string, OcrEngine>();
for (const name of names) {
  if (name === 'native' && !nativeTesseractAvailable()) throw new Error('no tesseract on the PATH');
  flagFor(name);
  const engine = name === 'native' ? createNativeEngine(2, { raw: true }) : createTesseractJsEngine(2);
  engines.set(name, engine);
  // Start-up (worker threads, traineddata) is not per-page cost: every language's workers.
  if (name !== 'native') await warmUp(engine, samples, 2, DEFAULT_PSM);
}
const totals = new Map<string, { cpu: number; seconds: number; pages: number; wer: number }>();
const passes: Record<string, number | string>[] = [];
for (let round = 0; round < rounds; round++) {
  for (const name of names) {
    flagFor(name);
    const run = await runEngine(name, engines.get(name)!, samples, DEFAULT_PSM);
    const t = totals.get(name) ?? { cpu: 0, seconds: 0, pages: 0, wer: 0 };
    t.cpu += (run.cpuSecondsPerPage ?? 0) * run.pages;
    t.seconds += run.seconds;
    t.pages += run.pages;
    t.wer = Math.max(t.wer, run.wer);
    totals.set(name, t);
    passes.push({
      round: round + 1,
      name,
      cpuSecondsPerPage: run.cpuSecondsPerPage ?? NaN,
      pagesPerSecond: run.pagesPerSecond,
      wer: run.wer,
      load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    });
    process.stderr.write(`${JSON.stringify(passes.at(-1))}\n`);
  }
}
for (const engine of engines.values()) await engine.close();
const summary = Object.fromEntries(
  [...totals].map(([name, t]) => [
    name,
    {
      cpuSecondsPerPage: Math.round((t.cpu / t.pages) * 1000) / 1000,
      pagesPerSecond: Math.round((t.pages / t.seconds) * 1000) / 1000,
      wer: t.wer,
    },
  ]),
);
console.log(JSON.stringify({ pages: samples.length, rounds, relaxedSimd: state, summary }, null, 1));
