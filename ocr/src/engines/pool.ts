import { availableParallelism } from 'node:os';
import type { OcrEngine } from '../types.js';
import { createNativeEngine, nativeTesseractAvailable } from './native.js';
import type { ModelSource } from './languages.js';
import { createTesseractJsEngine } from './tesseractjs.js';

export interface OcrPoolOptions {
  /** Concurrent recognitions; default = number of cores. */
  size?: number;
  /** `auto` uses native Tesseract when on the PATH, else tesseract.js (the default that always works). */
  engine?: 'tesseractjs' | 'native' | 'auto';
  /** tesseract.js models: `auto` (default) uses the system's tessdata when installed, else the npm packages. */
  models?: ModelSource;
  /** tesseract.js workers kept initialised, busy or idle (default 2 × size; see TesseractJsOptions). */
  maxWorkers?: number;
}

/** Creates the OCR engine the pipeline uses: a tesseract.js worker pool or native `tesseract` processes. */
export function createOcrPool(options: OcrPoolOptions = {}): OcrEngine {
  const size = Math.max(1, options.size ?? availableParallelism());
  const engine = options.engine ?? 'tesseractjs';
  if (engine === 'native' || (engine === 'auto' && nativeTesseractAvailable())) {
    return createNativeEngine(size);
  }
  return createTesseractJsEngine(size, options.models, { maxWorkers: options.maxWorkers });
}
