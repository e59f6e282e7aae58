/**
 * Ground truth written beside each fixture PDF as `<name>.truth.json`.
 * Reusable by tests: `import { loadTruth } from '<root>/tests/fixtures-generator/truth.js'`.
 */
import { readFile } from 'node:fs/promises';

/** ISO 4217 codes used by the fixtures. */
export type Currency = 'ARS' | 'USD' | 'GHS';

export interface TruthItem {
  /** Contract number (English contract-award tables only). */
  numero?: string;
  /** ISO date yyyy-mm-dd. */
  fecha: string;
  /** Supplier name exactly as printed. */
  proveedor: string;
  /** CUIT, 11 digits only (Spanish reports); null where the document has none. */
  cuit: string | null;
  /** Description exactly as printed. */
  concepto: string;
  /** Decimal string with two decimals and a dot, e.g. "1234.56". */
  importe: string;
  moneda: Currency;
}

export interface TruthPage {
  /** 1-based. */
  number: number;
  /** Words drawn on the page in reading order; one line per printed line, separated by "\n"; words separated by one space. */
  text: string;
}

export interface Truth {
  /** File name without extension, e.g. "rendicion-legislatura-2024-03". */
  document: string;
  language: 'es' | 'en';
  scanned: boolean;
  /** For a scanned copy: the born-digital document it was rendered from. */
  source?: string;
  /** Header fields, normalised: dates ISO, money decimal strings, CUIT digits only. */
  fields: Record<string, string>;
  items: TruthItem[];
  /** Sum of items[].importe, decimal string. */
  total: string;
  /** Currency of `total`. */
  moneda: Currency;
  pages: TruthPage[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Runtime shape check (throws with the first problem found). */
export function assertTruth(v: unknown, where = 'truth'): asserts v is Truth {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (!isObject(v)) fail('not an object');
  const o = v as Record<string, unknown>;
  if (typeof o.document !== 'string') fail('document must be a string');
  if (o.language !== 'es' && o.language !== 'en') fail('language must be es|en');
  if (typeof o.scanned !== 'boolean') fail('scanned must be boolean');
  if (o.source !== undefined && typeof o.source !== 'string') fail('source must be a string');
  if (!isObject(o.fields)) fail('fields must be an object');
  for (const [k, val] of Object.entries(o.fields as object)) {
    if (typeof val !== 'string') fail(`fields.${k} must be a string`);
  }
  if (!Array.isArray(o.items)) fail('items must be an array');
  (o.items as unknown[]).forEach((it, i) => {
    if (!isObject(it)) fail(`items[${i}] not an object`);
    const r = it as Record<string, unknown>;
    for (const key of ['fecha', 'proveedor', 'concepto', 'importe', 'moneda']) {
      if (typeof r[key] !== 'string') fail(`items[${i}].${key} must be a string`);
    }
    if (r.cuit !== null && typeof r.cuit !== 'string') fail(`items[${i}].cuit must be string|null`);
  });
  if (typeof o.total !== 'string' || !/^-?\d+\.\d{2}$/.test(o.total)) fail('total must be a decimal string');
  if (typeof o.moneda !== 'string') fail('moneda must be a string');
  if (!Array.isArray(o.pages)) fail('pages must be an array');
  (o.pages as unknown[]).forEach((p, i) => {
    if (!isObject(p) || typeof p.number !== 'number' || typeof p.text !== 'string') {
      fail(`pages[${i}] must be {number, text}`);
    }
  });
}

/** Read and validate a `<name>.truth.json` file. */
export async function loadTruth(path: string): Promise<Truth> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  assertTruth(parsed, path);
  return parsed;
}

/** Sum decimal strings exactly (integer cents), returning a decimal string. */
export function sumDecimals(values: readonly string[]): string {
  let cents = 0n;
  for (const v of values) cents += decimalToCents(v);
  return centsToDecimal(cents);
}

export function decimalToCents(v: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(v);
  if (!m) throw new Error(`not a decimal string with 2 decimals: ${v}`);
  const cents = BigInt(m[2] as string) * 100n + BigInt(m[3] as string);
  return m[1] === '-' ? -cents : cents;
}

export function centsToDecimal(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const s = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}
