import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { PipelineError } from '../errors.js';
import type { OcrEngine, OcrImage, OcrLanguages, OcrResult, RecognizeOptions } from '../types.js';
import { modelLocation, type ModelSource } from './languages.js';
import { prepareForOcr } from './preprocess.js';
import { Semaphore } from './semaphore.js';
import { parseTsv } from './tsv.js';
import { enableWasmRelaxedSimd } from './wasm-simd.js';

interface Slot {
  worker?: Worker;
  languages?: OcrLanguages;
  /** Where the worker reads traineddata from (its langPath and gzip flag, fixed at creation). */
  location?: string;
  busy: boolean;
}

export const DEFAULT_PSM = 4;

export interface TesseractJsOptions {
  /** tesseract.js's worker script; tests pass a wrapper that records which wasm build it loads. */
  workerPath?: string;
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

/** A pool of tesseract.js workers, reused across pages; a crashed worker is replaced on next use. */
export function createTesseractJsEngine(
  size: number,
  models: ModelSource = 'auto',
  engineOptions: TesseractJsOptions = {},
): OcrEngine {
  const slots: Slot[] = Array.from({ length: size }, () => ({ busy: false }));
  const gate = new Semaphore(size);
  let closed = false;

  const take = (languages: OcrLanguages): Slot => {
    const free = slots.filter((s) => !s.busy);
    const slot = free.find((s) => s.languages === languages) ?? free.find((s) => !s.worker) ?? free[0];
    if (!slot) throw new Error('no free OCR slot');
    slot.busy = true;
    return slot;
  };

  const runOn = async (slot: Slot, image: OcrImage, options: RecognizeOptions): Promise<OcrResult> => {
    if (!slot.worker || slot.languages !== options.languages) {
      const location = modelLocation(options.languages, models);
      const key = `${location.langPath}\0${location.gzip}`;
      if (slot.worker && slot.location === key) {
        // Same traineddata directory: switch languages inside the running worker. A new worker
        // costs ~1 s of CPU (a thread, and compiling the 3.4 MB wasm core again); this costs the
        // traineddata load the first time (~0.35 s) and a re-initialisation after that.
        await slot.worker.reinitialize(options.languages, OEM.LSTM_ONLY);
      } else {
        await slot.worker?.terminate().catch(() => undefined);
        slot.worker = undefined;
        slot.worker = await startWorker(options.languages, location, engineOptions);
        slot.location = key;
      }
      slot.languages = options.languages;
    }
    const prepared = await prepareForOcr(image, { dpi: options.dpi });
    await slot.worker.setParameters({
      tessedit_pageseg_mode: String(options.psm ?? DEFAULT_PSM) as PSM,
      preserve_interword_spaces: '1',
      // Tesseract 5 re-reads every low-confidence word as an inverted image (white on black): a
      // second recognition pass that noisy scans trigger often and spending documents never need.
      // Off: 5-10 % less CPU on the scanned fixtures and WER 0.187 instead of 0.191.
      tessedit_do_invert: '0',
    });
    // TSV only: the words with boxes are all we use (the text is rebuilt from them, as for native).
    // The default `blocks` JSON cost ~0.3 s a page more and GetUTF8Text another ~0.1 s.
    const result = await slot.worker.recognize(prepared.pgm, {}, { text: false, tsv: true });
    const parsed = parseTsv(result.data.tsv ?? '');
    return { ...parsed, words: parsed.words.map((w) => ({ ...w, bbox: prepared.unmap(w.bbox) })) };
  };

  return {
    kind: 'tesseractjs',
    recognize: (image, options) =>
      gate.run(async () => {
        if (closed) throw new PipelineError('ocr_failed', 'The OCR pool is closed');
        const slot = take(options.languages);
        try {
          return await runOn(slot, image, options);
        } catch (error) {
          // The worker may be dead or wedged: drop it so the next job starts a fresh one.
          await slot.worker?.terminate().catch(() => undefined);
          slot.worker = undefined;
          slot.languages = undefined;
          slot.location = undefined;
          throw new PipelineError('ocr_failed', 'OCR failed', { reason: String(error) });
        } finally {
          slot.busy = false;
        }
      }),
    close: async () => {
      closed = true;
      for (const slot of slots) {
        await slot.worker?.terminate().catch(() => undefined);
        slot.worker = undefined;
      }
    },
  };
}
