import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** One fixture PDF with the ground-truth text of each page. */
export interface FixtureDoc {
  name: string;
  pdfPath: string;
  scanned: boolean;
  language: string;
  pages: { number: number; text: string }[];
}

interface TruthFile {
  language?: string;
  scanned?: boolean;
  pages?: { number: number; text: string }[];
}

/** Lists fixtures under `<dir>/born-digital` and `<dir>/scanned` that have a `<name>.truth.json`. */
export function loadFixtures(fixturesDir: string, kind: 'born-digital' | 'scanned'): FixtureDoc[] {
  const dir = join(fixturesDir, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.pdf') && existsSync(join(dir, file.replace(/\.pdf$/, '.truth.json'))))
    .sort()
    .map((file) => {
      const truth = JSON.parse(
        readFileSync(join(dir, file.replace(/\.pdf$/, '.truth.json')), 'utf8'),
      ) as TruthFile;
      return {
        name: file.replace(/\.pdf$/, ''),
        pdfPath: join(dir, file),
        scanned: truth.scanned ?? kind === 'scanned',
        language: truth.language ?? 'es',
        pages: truth.pages ?? [],
      };
    });
}

/** Maps a fixture's language tag to the OCR language setting. */
export function ocrLanguagesFor(language: string): 'spa' | 'eng' {
  return language.startsWith('en') ? 'eng' : 'spa';
}
