import { mkdtempSync, symlinkSync } from 'node:fs';
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
