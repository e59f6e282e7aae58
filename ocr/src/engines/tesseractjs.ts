import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { PipelineError } from '../errors.js';
import type { OcrEngine, OcrImage, OcrLanguages, OcrResult, RecognizeOptions } from '../types.js';
import { modelLocation, type ModelSource } from './languages.js';
import { prepareForOcr } from './preprocess.js';
import { Semaphore } from './semaphore.js';
import { parseTsv } from './tsv.js';
import { enableWasmRelaxedSimd } from './wasm-simd.js';

/** A started tesseract.js worker and the languages it is initialised for. */
interface PooledWorker {
  worker: Worker;
  languages: OcrLanguages;
  /** Where the worker reads traineddata from (its langPath and gzip flag, fixed at creation). */
  location: string;
  busy: boolean;
  lastUsed: number;
}

export const DEFAULT_PSM = 4;

export interface TesseractJsOptions {
  /** tesseract.js's worker script; tests pass a wrapper that records which wasm build it loads. */
  workerPath?: string;
  /**
   * Workers kept, busy or idle; default twice the pool size, at least the pool size. Only `size`
   * recognise at once; the others stay initialised for another language, so pages that alternate
   * between languages (several projects, or a `spa` and an `eng` document) do not re-initialise a
   * worker at every switch (~0.2 s of CPU each). Each worker holds its own WebAssembly heap and
   * model (30–70 MB of RSS each, measured after a one-line image; more after a full page); one
   * language never starts more than `size` of them.
   */
  maxWorkers?: number;
}

/** The pool's own counts, for tests and benchmarks. */
export interface TesseractJsStats {
  started: number;
  reinitialised: number;
  workers: number;
}

/** Starts one tesseract.js worker for a language combination, offline. */
async function startWorker(
  languages: OcrLanguages,
  location: { langPath: string; gzip: boolean },
  options: TesseractJsOptions,
): Promise<Worker> {
  // Before the worker thread exists: it picks its wasm build (relaxed SIMD or not) when it starts.
  enableWasmRelaxedSimd();
  return createWorker(languages, OEM.LSTM_ONLY, {
    ...location,
    cacheMethod: 'none',
    errorHandler: () => undefined,
    ...(options.workerPath ? { workerPath: options.workerPath } : {}),
  });
}

/**
 * A pool of tesseract.js workers, reused across pages; a crashed worker is replaced on next use.
 * At most `size` recognitions run at once; a page goes to an idle worker already initialised for
 * its languages, else to a new worker while there are fewer than `maxWorkers`, else to the idle
 * worker used least recently, re-initialised for the page's languages.
 */
export function createTesseractJsEngine(
  size: number,
  models: ModelSource = 'auto',
  engineOptions: TesseractJsOptions = {},
): OcrEngine & { stats(): TesseractJsStats } {
  const maxWorkers = Math.max(size, engineOptions.maxWorkers ?? 2 * size);
  const workers: PooledWorker[] = [];
  const stats = { started: 0, reinitialised: 0 };
  const gate = new Semaphore(size);
  let closed = false;
  let tick = 0;
  let starting = 0;

  const drop = async (pooled: PooledWorker) => {
    const at = workers.indexOf(pooled);
    if (at >= 0) workers.splice(at, 1);
    await pooled.worker.terminate().catch(() => undefined);
  };

  /** A worker initialised for `languages`, marked busy; the gate guarantees an idle one when full. */
  const acquire = async (languages: OcrLanguages): Promise<PooledWorker> => {
    const idle = workers.filter((w) => !w.busy).sort((a, b) => b.lastUsed - a.lastUsed);
    const ready = idle.find((w) => w.languages === languages);
    if (ready) {
      ready.busy = true;
      return ready;
    }
    const location = modelLocation(languages, models);
    const key = `${location.langPath}\0${location.gzip}`;
    const reuse = workers.length + starting >= maxWorkers ? idle.at(-1) : undefined;
    if (reuse) {
      reuse.busy = true;
      try {
        if (reuse.location === key) {
          // Same traineddata directory: switch languages inside the running worker. A new worker
          // costs ~1 s of CPU (a thread, and compiling the 3.4 MB wasm core again); this costs the
          // traineddata load the first time (~0.35 s) and a re-initialisation after that.
          await reuse.worker.reinitialize(languages, OEM.LSTM_ONLY);
          stats.reinitialised++;
          reuse.languages = languages;
          return reuse;
        }
      } catch (error) {
        await drop(reuse);
        throw error;
      }
      await drop(reuse);
    }
    // Counted before it exists, so concurrent callers never start more than maxWorkers.
    starting++;
    try {
      const worker = await startWorker(languages, location, engineOptions);
      stats.started++;
      if (closed) {
        await worker.terminate().catch(() => undefined);
        throw new Error('the OCR pool was closed while a worker started');
      }
      const pooled = { worker, languages, location: key, busy: true, lastUsed: 0 };
      workers.push(pooled);
      return pooled;
    } finally {
      starting--;
    }
  };

  const runOn = async (
    pooled: PooledWorker,
    image: OcrImage,
    options: RecognizeOptions,
  ): Promise<OcrResult> => {
    const prepared = await prepareForOcr(image, { dpi: options.dpi });
    await pooled.worker.setParameters({
      tessedit_pageseg_mode: String(options.psm ?? DEFAULT_PSM) as PSM,
      preserve_interword_spaces: '1',
      // Tesseract 5 re-reads every low-confidence word as an inverted image (white on black): a
      // second recognition pass that noisy scans trigger often and spending documents never need.
      // Off: 5-10 % less CPU on the scanned fixtures and WER 0.187 instead of 0.191.
      tessedit_do_invert: '0',
    });
    // TSV only: the words with boxes are all we use (the text is rebuilt from them, as for native).
    // The default `blocks` JSON cost ~0.3 s a page more and GetUTF8Text another ~0.1 s.
    const result = await pooled.worker.recognize(prepared.pgm, {}, { text: false, tsv: true });
    const parsed = parseTsv(result.data.tsv ?? '');
    return { ...parsed, words: parsed.words.map((w) => ({ ...w, bbox: prepared.unmap(w.bbox) })) };
  };

  return {
    kind: 'tesseractjs',
    recognize: (image, options) =>
      gate.run(async () => {
        if (closed) throw new PipelineError('ocr_failed', 'The OCR pool is closed');
        let pooled: PooledWorker | undefined;
        try {
          pooled = await acquire(options.languages);
          return await runOn(pooled, image, options);
        } catch (error) {
          // The worker may be dead or wedged: drop it so the next page starts a fresh one.
          if (pooled) await drop(pooled);
          pooled = undefined;
          throw new PipelineError('ocr_failed', 'OCR failed', { reason: String(error) });
        } finally {
          if (pooled) {
            pooled.busy = false;
            pooled.lastUsed = ++tick;
          }
        }
      }),
    stats: () => ({ ...stats, workers: workers.length }),
    close: async () => {
      closed = true;
      for (const pooled of workers.splice(0)) await pooled.worker.terminate().catch(() => undefined);
    },
  };
}
