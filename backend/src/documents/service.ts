/**
 * The pipeline inside a process: storage, OCR engine, open-PDF cache and the job workers that
 * run the three job kinds. `cotejo serve` (embedded), `cotejo worker` and `cotejo import` use it.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { Database } from '../db/client.js';
import { buildJobRegistry } from '../jobs/registry.js';
import { startJobWorkers, type JobWorkers } from '../jobs/worker.js';
import type { Publisher } from '../realtime/publisher.js';
import type { BackgroundService } from '../server.js';
import { createLocalStorage } from '../storage/local.js';
import type { Storage } from '../storage/storage.js';
import { assembleDocumentHandler } from './assemble-document.js';
import { createInlinePageProcessor, type PageProcessor } from './page-processor.js';
import { createThreadedPageProcessor } from './page-threads.js';
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
  let workers: JobWorkers | undefined;
  let processor: PageProcessor | undefined;
  let threads = Math.max(1, workerCount(ctx.config));
  // Made on first use: a process that only serves HTTP (COTEJO_WORKERS=0) never starts OCR.
  const pages: PageProcessor = {
    process: (document, page, languages) =>
      (processor ??= createPageProcessor(storage, threads, ctx.config)).process(document, page, languages),
    close: async () => {
      await processor?.close();
      processor = undefined;
    },
  };
  const deps: PipelineDeps = {
    db: ctx.database.db,
    publisher: ctx.publisher,
    storage,
    logger: ctx.logger,
    limits: {
      maxPages: ctx.config.COTEJO_MAX_PAGES,
      maxBytes: ctx.config.COTEJO_MAX_UPLOAD_MB * 1024 * 1024,
    },
    pages,
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
        threads = concurrency;
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
          await pages.close();
        },
      };
    },
  };
}

/** Worker threads when the store has local files (every page off the event loop), else inline. */
function createPageProcessor(storage: Storage, concurrency: number, config: Config): PageProcessor {
  const options = { concurrency, engine: config.COTEJO_OCR_ENGINE };
  const localPath = storage.localPath?.bind(storage);
  return localPath
    ? createThreadedPageProcessor(localPath, options)
    : createInlinePageProcessor(storage, options);
}
