// Public API of @cotejo/ocr: a pure library (no HTTP, no SQL) that the backend's jobs and CLI call.
export { PipelineError, isPipelineError, type PipelineErrorCode } from './errors.js';
export type {
  BBox,
  FractionBox,
  OcrEngine,
  OcrImage,
  OcrLanguages,
  OcrResult,
  OcrWord,
  PageResult,
  PageSource,
  RasterImage,
  RawImage,
  RecognizeOptions,
  Word,
} from './types.js';
export {
  preflightPdf,
  hasPdfMagic,
  DEFAULT_MAX_PAGE_AREA_SQ_IN,
  type PreflightLimits,
  type PreflightResult,
  type PreflightPage,
  type PdfMetadata,
} from './pipeline/preflight.js';
export { openPdf, type PdfHandle } from './document.js';
export { DEFAULT_DISPLAY_DPI, type ProcessPageOptions } from './pipeline/page.js';
export { processImage } from './image.js';
export {
  runPipeline,
  ocrCommandOutput,
  DEFAULT_LIMITS,
  type RunPipelineOptions,
  type OcrCommandOutput,
} from './run.js';
export { createOcrPool, type OcrPoolOptions } from './engines/pool.js';
export type { ModelSource } from './engines/languages.js';
export { nativeTesseractAvailable } from './engines/native.js';
export { isGarbledWord, scoreGarbage } from './pipeline/garbage.js';
export { wordErrorRate, charErrorRate } from './metrics.js';
export { startModuleWorker } from './threads.js';
export { benchPipeline, type BenchPipelineOptions, type BenchPipelineResult } from './bench/index.js';
