import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { PipelineError } from '../errors.js';
import type { OcrEngine, OcrImage, OcrLanguages, OcrResult, OcrWord, RecognizeOptions } from '../types.js';
import { modelLocation, type ModelSource } from './languages.js';
import { prepareForOcr } from './preprocess.js';
import { Semaphore } from './semaphore.js';

interface Slot {
  worker?: Worker;
  languages?: OcrLanguages;
  busy: boolean;
}

export const DEFAULT_PSM = 4;

/** Starts one tesseract.js worker for a language combination, offline. */
async function startWorker(languages: OcrLanguages, models: ModelSource): Promise<Worker> {
  return createWorker(languages, OEM.LSTM_ONLY, {
    ...modelLocation(languages, models),
    cacheMethod: 'none',
    errorHandler: () => undefined,
  });
}

/** A pool of tesseract.js workers, reused across pages; a crashed worker is replaced on next use. */
export function createTesseractJsEngine(size: number, models: ModelSource = 'auto'): OcrEngine {
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
      await slot.worker?.terminate().catch(() => undefined);
      slot.worker = undefined;
      slot.worker = await startWorker(options.languages, models);
      slot.languages = options.languages;
    }
    const prepared = await prepareForOcr(image, { dpi: options.dpi });
    await slot.worker.setParameters({
      tessedit_pageseg_mode: String(options.psm ?? DEFAULT_PSM) as PSM,
      preserve_interword_spaces: '1',
    });
    const result = await slot.worker.recognize(prepared.pgm, {}, { text: true, blocks: true });
    const parsed = fromTesseractJs(result.data);
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

interface TjsData {
  text: string;
  confidence: number;
  blocks:
    | {
        paragraphs: { lines: { words: { text: string; confidence: number; bbox: OcrWord['bbox'] }[] }[] }[];
      }[]
    | null;
}

/** Walks blocks → paragraphs → lines → words into the engine-neutral word list. */
export function fromTesseractJs(data: TjsData): OcrResult {
  const words: OcrWord[] = [];
  (data.blocks ?? []).forEach((block, b) =>
    block.paragraphs.forEach((para, p) =>
      para.lines.forEach((line, l) => {
        for (const w of line.words) {
          if (w.text.trim() === '') continue;
          words.push({
            text: w.text.trim(),
            bbox: { ...w.bbox },
            confidence: w.confidence,
            lineKey: `${b}.${p}.${l}`,
          });
        }
      }),
    ),
  );
  return { text: data.text, words, meanConfidence: data.confidence };
}
