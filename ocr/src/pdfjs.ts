import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PipelineError } from './errors.js';
import { installSkiaFontFace, SkiaCanvasFactory, skiaFontSet } from './pdfjs-canvas.js';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs in Node reads these with fs when given a plain path; the trailing slash is required.
const assetDir = (name: string): string => join(pdfjsRoot, name) + '/';

let pdfjsPromise: Promise<PdfjsModule> | undefined;

/** Loads the pdfjs legacy build once per thread (the default build needs DOMMatrix). */
export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= keepingNatives(async () => {
    const pdfjs = (await import(pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.mjs')).href)) as PdfjsModule;
    // Its "fake worker" (pdfjs in Node parses in this thread) would be imported on the first
    // getDocument, outside this guard; load it now and hand it over as pdfjs expects.
    const worker = (await import(pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href)) as {
      WorkerMessageHandler: unknown;
    };
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = {
      WorkerMessageHandler: worker.WorkerMessageHandler,
    };
    installSkiaFontFace();
    return pdfjs;
  });
  return pdfjsPromise;
}

/**
 * The built-in objects whose methods pdfjs's legacy build may replace. Its bundled core-js
 * polyfills replace natives it considers incomplete for the newest proposals, process-wide: on
 * Node 20 `JSON.stringify` (for `JSON.rawJSON`; 11× slower, on every JSON response and query
 * parameter of the server), `JSON.parse`, `Array.prototype.push` (7× slower, everywhere) and
 * `Function.prototype.toString`. Neither pdfjs nor Cotejo uses what those replacements add.
 */
const INTRINSICS: object[] = [
  JSON,
  Math,
  Reflect,
  Object,
  Object.prototype,
  Function.prototype,
  Array,
  Array.prototype,
  String,
  String.prototype,
  Number,
  Number.prototype,
  Promise,
  Promise.prototype,
  Map,
  Map.prototype,
  Set,
  Set.prototype,
  WeakMap.prototype,
  RegExp.prototype,
  Date.prototype,
  ArrayBuffer,
  ArrayBuffer.prototype,
  Uint8Array,
  Uint8Array.prototype,
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object,
];

/**
 * Runs `load` and then puts back every native method of the intrinsics that it replaced; what it
 * added (methods the runtime lacks) stays. Returns what `load` returned.
 */
export async function keepingNatives<T>(load: () => Promise<T>): Promise<T> {
  const saved = INTRINSICS.map((target) => ({
    target,
    descriptors: Object.getOwnPropertyDescriptors(target),
  }));
  try {
    return await load();
  } finally {
    for (const { target, descriptors } of saved)
      for (const key of Reflect.ownKeys(descriptors)) {
        const before = descriptors[key as keyof typeof descriptors]!;
        const now = Object.getOwnPropertyDescriptor(target, key);
        if (typeof before.value === 'function' && now && now.value !== before.value)
          Object.defineProperty(target, key, before);
      }
  }
}

export interface OpenedPdf {
  doc: PDFDocumentProxy;
  task: PDFDocumentLoadingTask;
  pdfjs: PdfjsModule;
}

const DEFAULT_OPEN_TIMEOUT_MS = 20_000;

/** Opens a PDF with pdfjs, mapping its exceptions to PipelineError codes and never hanging. */
export async function openPdfDocument(
  bytes: Uint8Array,
  timeoutMs = DEFAULT_OPEN_TIMEOUT_MS,
): Promise<OpenedPdf> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs transfers and detaches the buffer it is given: hand it a copy, never the caller's bytes.
    data: new Uint8Array(bytes),
    standardFontDataUrl: assetDir('standard_fonts'),
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    wasmUrl: assetDir('wasm'),
    iccUrl: assetDir('iccs'),
    isEvalSupported: false,
    verbosity: 0,
    // Text drawn as text through skia, with fonts scoped to this thread (pdfjs-canvas.ts).
    disableFontFace: false,
    ownerDocument: { fonts: skiaFontSet } as never,
    CanvasFactory: SkiaCanvasFactory,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PipelineError('pdf_damaged', `PDF did not open within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const doc = await Promise.race([task.promise, timeout]);
    return { doc, task, pdfjs };
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw mapPdfjsError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Translates a pdfjs exception into the pipeline's stable error codes. */
export function mapPdfjsError(error: unknown): PipelineError {
  if (error instanceof PipelineError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new PipelineError('pdf_encrypted', 'The PDF is password-protected', { reason: message });
  }
  if (name === 'InvalidPDFException' && /no pages|zero pages/i.test(message)) {
    return new PipelineError('pdf_empty', 'The PDF has no pages', { reason: message });
  }
  return new PipelineError('pdf_damaged', 'The PDF structure is damaged or unreadable', {
    reason: message,
    name,
  });
}
