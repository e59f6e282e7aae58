/**
 * Page processing in worker threads (embedded mode keeps HTTP responsive while pages are read).
 * Jobs of one document go to the same thread when it is free, so its PDF stays parsed there.
 */
import type { Worker } from 'node:worker_threads';
import {
  PipelineError,
  startModuleWorker,
  type OcrLanguages,
  type PageResult,
  type PipelineErrorCode,
} from '@cotejo/ocr';
import type { PageProcessor, PageProcessorOptions } from './page-processor.js';

export interface PageRequest {
  id: number;
  documentId: string;
  file: string;
  page: number;
  languages: OcrLanguages;
}

export type PageReply =
  | { id: number; result: PageResult }
  | { id: number; error: { pipeline: boolean; code?: string; message: string; details?: unknown } };

interface Thread {
  worker: Worker;
  busy: number;
  lastDocument?: string;
  waiting: Map<number, { resolve: (r: PageResult) => void; reject: (e: Error) => void }>;
}

// From dist the thread is .js; under tsx or jest it is .ts and is loaded through tsx's import API.
const threadUrl = new URL(
  import.meta.url.endsWith('.ts') ? './page-thread.ts' : './page-thread.js',
  import.meta.url,
);

/** `concurrency` threads; `localPath` maps a storage key to a file the threads can read. */
export function createThreadedPageProcessor(
  localPath: (key: string) => string,
  options: PageProcessorOptions,
): PageProcessor {
  let nextId = 1;
  let closing = false;
  const spawn = (thread: Thread) => {
    thread.worker = startModuleWorker(threadUrl, { engine: options.engine });
    thread.worker.on('message', (reply: PageReply) => settle(thread, reply));
    thread.worker.on('error', (error) => failAll(thread, error));
    // A thread that died (a crash in native code) fails its pages, which are retried, and is replaced.
    thread.worker.on('exit', () => {
      failAll(thread, new Error('page thread exited'));
      if (!closing) spawn(thread);
    });
    thread.worker.unref();
  };
  const threads: Thread[] = Array.from({ length: Math.max(1, options.concurrency) }, () => {
    const thread = { busy: 0, waiting: new Map() } as unknown as Thread;
    spawn(thread);
    return thread;
  });
  const pick = (documentId: string) =>
    threads.find((t) => t.busy === 0 && t.lastDocument === documentId) ??
    threads.reduce((best, t) => (t.busy < best.busy ? t : best));
  return {
    process(document, page, languages) {
      const thread = pick(document.id);
      const id = nextId++;
      thread.busy++;
      thread.lastDocument = document.id;
      return new Promise<PageResult>((resolve, reject) => {
        thread.waiting.set(id, { resolve, reject });
        const request: PageRequest = {
          id,
          documentId: document.id,
          file: localPath(document.storageKey),
          page,
          languages,
        };
        thread.worker.postMessage(request);
      });
    },
    async close() {
      closing = true;
      await Promise.all(
        threads.map(
          (t) =>
            new Promise<void>(
              (resolve) => (t.worker.once('exit', () => resolve()), t.worker.postMessage('close')),
            ),
        ),
      );
    },
  };
}

function settle(thread: Thread, reply: PageReply): void {
  const waiter = thread.waiting.get(reply.id);
  if (!waiter) return;
  thread.waiting.delete(reply.id);
  thread.busy--;
  if ('result' in reply) return waiter.resolve(reviveBuffers(reply.result));
  const { error } = reply;
  waiter.reject(
    error.pipeline
      ? new PipelineError(error.code as PipelineErrorCode, error.message, error.details)
      : new Error(error.message),
  );
}

function failAll(thread: Thread, error: Error): void {
  for (const waiter of thread.waiting.values()) waiter.reject(error);
  thread.busy -= thread.waiting.size;
  thread.waiting.clear();
}

/** Structured clone turns Buffers into plain Uint8Arrays; storage expects Buffers. */
function reviveBuffers(result: PageResult): PageResult {
  const revive = (image: PageResult['display']) => ({
    ...image,
    webp: Buffer.from(image.webp.buffer, image.webp.byteOffset, image.webp.byteLength),
  });
  return { ...result, display: revive(result.display), thumbnail: revive(result.thumbnail) };
}
