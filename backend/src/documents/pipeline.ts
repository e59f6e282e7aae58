/** What the pipeline's use cases need: no god object, and nothing HTTP. */
import type { Logger } from 'pino';
import type { OcrEngine, OcrLanguages } from '@cotejo/ocr';
import type { Db } from '../db/client.js';
import type { Publisher } from '../realtime/publisher.js';
import type { Storage } from '../storage/storage.js';
import type { PdfCache } from './pdf-cache.js';

export interface PipelineLimits {
  maxPages: number;
  maxBytes: number;
}

export interface PipelineDeps {
  db: Db;
  publisher: Publisher;
  storage: Storage;
  logger: Logger;
  limits: PipelineLimits;
  /** The OCR engine, created on first use (tesseract.js workers cost ~200 MB each). */
  ocr(): OcrEngine;
  pdfs: PdfCache;
  /** Tells local workers that jobs were just enqueued (they otherwise poll). */
  enqueued(): void;
}

const LANGUAGES: readonly OcrLanguages[] = ['spa', 'eng', 'spa+eng'];

/** The project's OCR languages as the engine takes them; Spanish when the setting is unknown. */
export function ocrLanguagesOf(setting: string): OcrLanguages {
  return (LANGUAGES as readonly string[]).includes(setting) ? (setting as OcrLanguages) : 'spa';
}

/** The full-text search configuration matching the OCR language. */
export function textSearchConfigOf(languages: OcrLanguages): string {
  return languages === 'spa' ? 'spanish' : languages === 'eng' ? 'english' : 'simple';
}
