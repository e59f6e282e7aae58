/**
 * The pipeline inside a process: storage, OCR engine, open-PDF cache and the job workers that
 * run the three job kinds. `cotejo serve` (embedded), `cotejo worker` and `cotejo import` use it.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { createOcrPool, type OcrEngine } from '@cotejo/ocr';
import type { Config } from '../config/env.js';
import type { Database } from '../db/client.js';
import { buildJobRegistry } from '../jobs/registry.js';
import { startJobWorkers, type JobWorkers } from '../jobs/worker.js';
import type { Publisher } from '../realtime/publisher.js';
import type { BackgroundService } from '../server.js';
import { createLocalStorage } from '../storage/local.js';
import { assembleDocumentHandler } from './assemble-document.js';
import { createPdfCache } from './pdf-cache.js';
import type { PipelineDeps } from './pipeline.js';
import { preflightDocumentHandler } from './preflight-document.js';
import { processPageHandler } from './process-page.js';
import { resumeDocuments } from './resume-documents.js';

export interface PipelineRuntime {
  deps: PipelineDeps;
  /** Starts the job workers (after the start-up scan); none when `concurrency` is 0. */
  startWorkers(options?: { concurrency?: number; retryBaseMs?: number }): Promise<BackgroundService>;
}

type RuntimeContext = { config: Config; database: Database; logger: Logger; publisher: Publisher };

/** Pipeline workers in this process: COTEJO_WORKERS, or one per core. */
export function workerCount(config: Config): number {
  return config.COTEJO_WORKERS ?? availableParallelism();
}

/** Builds the dependencies once per process; workers are started separately. */
export function createPipelineRuntime(ctx: RuntimeContext): PipelineRuntime {
  const storage = createLocalStorage(path.join(ctx.config.dataDir, 'files'));
  let ocr: OcrEngine | undefined;
  let workers: JobWorkers | undefined;
  const deps: PipelineDeps = {
    db: ctx.database.db,
    publisher: ctx.publisher,
    storage,
    logger: ctx.logger,
    limits: {
      maxPages: ctx.config.COTEJO_MAX_PAGES,
      maxBytes: ctx.config.COTEJO_MAX_UPLOAD_MB * 1024 * 1024,
    },
    ocr: () =>
      (ocr ??= createOcrPool({
        size: Math.max(1, workerCount(ctx.config)),
        engine: ctx.config.COTEJO_OCR_ENGINE,
      })),
    pdfs: createPdfCache(storage),
    enqueued: () => workers?.wake(),
  };
  const registry = buildJobRegistry([
    preflightDocumentHandler(deps),
    processPageHandler(deps),
    assembleDocumentHandler(deps),
  ]);
  return {
    deps,
    async startWorkers(options = {}) {
      const concurrency = options.concurrency ?? workerCount(ctx.config);
      if (concurrency > 0) {
        await resumeDocuments(deps, ctx.database.kind === 'pglite');
        workers = startJobWorkers({
          db: deps.db,
          registry,
          logger: ctx.logger,
          concurrency,
          retryBaseMs: options.retryBaseMs,
        });
      }
      return {
        name: 'pipeline workers',
        async stop() {
          await workers?.stop();
          workers = undefined;
          await deps.pdfs.close();
          await ocr?.close();
          ocr = undefined;
        },
      };
    },
  };
}
