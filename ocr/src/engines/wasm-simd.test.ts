import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { loadFixtures } from '../bench/fixtures.js';
import { loadScannedSamples } from '../bench/scanned.js';
import { fixturesDir } from '../testing/pdfs.js';
import { createTesseractJsEngine } from './tesseractjs.js';
import { enableWasmRelaxedSimd, RELAXED_SIMD_ENV, relaxedSimdSupported } from './wasm-simd.js';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'cotejo-wasm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A tesseract.js worker script that appends the name of every tesseract.js-core build the worker
 * thread loads to `log`, then runs tesseract.js's own worker script unchanged.
 */
function recordingWorkerScript(log: string): string {
  const path = join(dir, `worker-${Math.random().toString(36).slice(2)}.cjs`);
  const original = require.resolve('tesseract.js/src/worker-script/node/index.js');
  writeFileSync(
    path,
    `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/tesseract\\.js-core\\//.test(request)) appendFileSync(${JSON.stringify(log)}, request + '\\n');
  return load.call(this, request, ...rest);
};
require(${JSON.stringify(original)});
`,
  );
  return path;
}

function relaxedSimdInNewThread(): Promise<boolean> {
  const worker = new Worker(
    `const probe = new Uint8Array(${JSON.stringify([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 1, 253, 15, 65,
      2, 253, 15, 253, 128, 2, 11,
    ])});
require('node:worker_threads').parentPort.postMessage(WebAssembly.validate(probe));`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (value: boolean) => {
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** OCRs one scanned fixture page with a fresh one-worker engine; returns the words and the wasm builds loaded. */
async function ocrWithFreshWorker(): Promise<{ words: string[]; cores: string[] }> {
  const log = join(dir, `cores-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const fixtures = fixturesDir();
  if (!fixtures) throw new Error('fixtures/ is missing: run npm run fixtures');
  const [sample] = await loadScannedSamples(loadFixtures(fixtures, 'scanned'), 1);
  const engine = createTesseractJsEngine(1, 'auto', { workerPath: recordingWorkerScript(log) });
  try {
    const result = await engine.recognize(sample!.image, {
      languages: sample!.languages,
      psm: 4,
      dpi: sample!.dpi,
    });
    const words = result.words.map((w) => `${w.text} ${w.confidence} ${JSON.stringify(w.bbox)}`);
    return { words, cores: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  } finally {
    await engine.close();
  }
}

// tesseract.js 7 in Node loads the full build rather than the -lstm one (its getCore compares a
// boolean with OEM numbers); either variant counts here.
const RELAXED_BUILD = /^tesseract\.js-core\/tesseract-core-relaxedsimd(-lstm)?$/;
const PLAIN_BUILD = /^tesseract\.js-core\/tesseract-core-simd(-lstm)?$/;
const enabled = process.env[RELAXED_SIMD_ENV] !== '0';

describe('WebAssembly relaxed SIMD for tesseract.js', () => {
  (enabled ? it : it.skip)(
    'is on in new worker threads, and tesseract.js workers load the relaxed-SIMD build with it',
    async () => {
      const state = enableWasmRelaxedSimd();
      expect(['native', 'enabled']).toContain(state);
      expect(relaxedSimdSupported()).toBe(true);
      await expect(relaxedSimdInNewThread()).resolves.toBe(true);
      const { cores, words } = await ocrWithFreshWorker();
      expect(cores).toEqual([expect.stringMatching(RELAXED_BUILD)]);
      expect(words.length).toBeGreaterThan(50);
    },
  );

  (enabled ? it : it.skip)(
    'reads exactly the same words, confidences and boxes as the plain SIMD build',
    async () => {
      // Only where this module turns the feature on (Node 20); where it is native there is no switch.
      if (enableWasmRelaxedSimd() !== 'enabled') return;
      const relaxed = await ocrWithFreshWorker();
      // The flag can be turned off again for the workers started from now on (V8 flags are global).
      setFlagsFromString('--no-experimental-wasm-relaxed-simd');
      try {
        const plain = await ocrWithFreshWorker();
        expect(plain.cores).toEqual([expect.stringMatching(PLAIN_BUILD)]);
        expect(relaxed.cores).toEqual([expect.stringMatching(RELAXED_BUILD)]);
        expect(relaxed.words).toEqual(plain.words);
      } finally {
        setFlagsFromString('--experimental-wasm-relaxed-simd');
      }
    },
  );
});
