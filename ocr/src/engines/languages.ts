import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OcrLanguages } from '../types.js';

const require = createRequire(import.meta.url);
// LSTM-only integer models: the legacy (4.0.0) data is bigger and OEM 0/2 crashes the process.
const MODEL_DIR = '4.0.0_best_int';

/** Directory holding `<lang>.traineddata.gz` inside the installed @tesseract.js-data package. */
export function traineddataDir(lang: 'spa' | 'eng'): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), MODEL_DIR);
}

let combinedDir: string | undefined;

/**
 * The langPath for a language combination. tesseract.js takes one langPath for all languages
 * (and its `{ code, data }` form breaks initialisation in 7.0.0), so `spa+eng` gets a temporary
 * directory of symlinks to both packaged files: no copy, never a network fetch.
 */
export function langPathFor(languages: OcrLanguages): string {
  const codes = splitLanguages(languages);
  if (codes.length === 1 && codes[0]) return traineddataDir(codes[0]);
  if (!combinedDir) {
    const dir = mkdtempSync(join(tmpdir(), 'cotejo-tessdata-'));
    for (const code of ['spa', 'eng'] as const) {
      symlinkSync(join(traineddataDir(code), `${code}.traineddata.gz`), join(dir, `${code}.traineddata.gz`));
    }
    combinedDir = dir;
  }
  return combinedDir;
}

/** The individual language codes of a combination such as `spa+eng`. */
export function splitLanguages(languages: OcrLanguages): ('spa' | 'eng')[] {
  return languages.split('+') as ('spa' | 'eng')[];
}

/** Where traineddata comes from: the npm packages (always there) or the system's tessdata (tesseract-ocr). */
export type ModelSource = 'packaged' | 'system' | 'auto';

const SYSTEM_TESSDATA = [
  '/usr/share/tesseract-ocr/5/tessdata',
  '/usr/share/tesseract-ocr/4.00/tessdata',
  '/usr/share/tessdata',
];

/** The system tessdata directory holding every language of the combination, if any. */
export function systemTessdataDir(languages: OcrLanguages): string | undefined {
  const candidates = [process.env.TESSDATA_PREFIX, ...SYSTEM_TESSDATA].filter((d): d is string => Boolean(d));
  return candidates.find((dir) =>
    splitLanguages(languages).every((code) => existsSync(join(dir, `${code}.traineddata`))),
  );
}

/**
 * langPath and gzip flag for a worker. `auto` prefers the system's models when present: on the
 * scanned fixtures Debian's tessdata_fast models ran 1.7× faster than the packaged best_int ones
 * in tesseract.js and read them better (WER 0.12 vs 0.18, docs/benchmarks.md); the packaged
 * models remain the offline fallback that always works.
 */
export function modelLocation(
  languages: OcrLanguages,
  source: ModelSource,
): { langPath: string; gzip: boolean } {
  const system = source === 'packaged' ? undefined : systemTessdataDir(languages);
  if (system) return { langPath: system, gzip: false };
  return { langPath: langPathFor(languages), gzip: true };
}
