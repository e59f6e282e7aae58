import { spawn, spawnSync } from 'node:child_process';
import { PipelineError } from '../errors.js';
import type { OcrEngine, RecognizeOptions } from '../types.js';
import { prepareForOcr } from './preprocess.js';
import { Semaphore } from './semaphore.js';
import { parseTsv } from './tsv.js';
import { DEFAULT_PSM } from './tesseractjs.js';

export { parseTsv } from './tsv.js';

const TIMEOUT_MS = 120_000;

/** Whether a `tesseract` binary is on the PATH (checked once per process). */
export function nativeTesseractAvailable(): boolean {
  available ??= spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;
  return available;
}
let available: boolean | undefined;

export interface NativeOptions {
  /** Directory of `<lang>.traineddata`; the system tessdata when absent. */
  tessdataDir?: string;
  /** Skip grayscale/normalise, e.g. to time the binary exactly as a user would run it. */
  raw?: boolean;
}

/** Runs `tesseract` processes, at most `size` at once, each single-threaded (OpenMP is 5× slower on 2 cores). */
export function createNativeEngine(size: number, native: NativeOptions = {}): OcrEngine {
  const gate = new Semaphore(size);
  return {
    kind: 'native',
    recognize: (image, options) =>
      gate.run(async () => {
        if (native.raw && Buffer.isBuffer(image))
          return parseTsv(await runTesseract(image, options, native.tessdataDir));
        const prepared = native.raw
          ? await prepareForOcr(image, { normalise: false, deskew: false, removeRules: false })
          : await prepareForOcr(image, { dpi: options.dpi });
        const parsed = parseTsv(await runTesseract(prepared.pgm, options, native.tessdataDir));
        return { ...parsed, words: parsed.words.map((w) => ({ ...w, bbox: prepared.unmap(w.bbox) })) };
      }),
    close: () => Promise.resolve(),
  };
}

/** Spawns one `tesseract stdin stdout … tsv` and resolves with its TSV output. */
export function runTesseract(
  input: Buffer,
  options: RecognizeOptions,
  tessdataDir?: string,
): Promise<string> {
  const args = [
    'stdin',
    'stdout',
    '-l',
    options.languages,
    '--oem',
    '1',
    '--psm',
    String(options.psm ?? DEFAULT_PSM),
  ];
  if (tessdataDir) args.push('--tessdata-dir', tessdataDir);
  args.push('-c', 'preserve_interword_spaces=1', 'tsv');
  return new Promise((resolve, reject) => {
    const child = spawn('tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new PipelineError('ocr_failed', 'tesseract could not start', { reason: String(error) })),
    );
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new PipelineError('ocr_failed', `tesseract exited with ${code}`, {
            stderr: Buffer.concat(err).toString('utf8').slice(0, 2000),
          }),
        );
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
