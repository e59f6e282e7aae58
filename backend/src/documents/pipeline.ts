/** What the pipeline's use cases need: no god object, and nothing HTTP. */
import type { Logger } from 'pino';
import type { OcrLanguages } from '@cotejo/ocr';
import type { Db } from '../db/client.js';
import type { Publisher } from '../realtime/publisher.js';
import type { Storage } from '../storage/storage.js';
import type { PageProcessor } from './page-processor.js';

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
  /** Runs a page through pdfjs, sharp and OCR (in worker threads when storage is local). */
  pages: PageProcessor;
  /** Tells local workers that jobs were just enqueued (they otherwise poll). */
  enqueued(): void;
}

const LANGUAGES: readonly OcrLanguages[] = ['spa', 'eng', 'spa+eng'];

/** The project's OCR languages as the engine takes them; Spanish when the setting is unknown. */
export function ocrLanguagesOf(setting: string): OcrLanguages {
  return (LANGUAGES as readonly string[]).includes(setting) ? (setting as OcrLanguages) : 'spa';
}
