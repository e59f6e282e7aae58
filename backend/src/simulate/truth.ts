/**
 * The fixtures' ground truth (`fixtures/born-digital/*.truth.json`), the small part the simulator
 * needs. A copy of tests/fixtures-generator/truth.ts's types: the compiled CLI cannot import tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TruthItem {
  numero?: string;
  fecha: string;
  proveedor: string;
  cuit: string | null;
  concepto: string;
  importe: string;
  moneda: string;
}

export interface Truth {
  document: string;
  language: 'es' | 'en';
  fields: Record<string, string>;
  items: TruthItem[];
  total: string;
  pages: { number: number; text: string }[];
}

/** fixtures/born-digital from backend/src/simulate or backend/dist/simulate. */
export const BORN_DIGITAL_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../fixtures/born-digital',
);

/** Every born-digital truth file, sorted by name. */
export function loadTruths(dir = BORN_DIGITAL_DIR): Truth[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()
    .map((f) => {
      const t = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Truth;
      if (!t.fields || !Array.isArray(t.items) || !Array.isArray(t.pages))
        throw new Error(`${f}: not a truth file`);
      return t;
    });
}
