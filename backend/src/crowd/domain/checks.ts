// Cross-field checks on verified values. A check whose inputs are not (yet) known is skipped, not
// failed: record evaluation only runs checks once every verify-field is verified.
import type { Check, DateBound, FieldSchemaDefinition, SumCheck } from '../../contracts/field-schema.js';
import { addDays } from './dates.js';
import { absDecimal, canonicalDecimal, compareDecimals, subtractDecimals, sumDecimals } from './decimal.js';
import { cellPath, rowCountPath } from './paths.js';
import type { Marker, NormalizedValue } from './types.js';

/** A verified value by field path (`total`, `items[0].importe`, `items#rows`). */
export interface KnownValue {
  value: NormalizedValue | undefined;
  marker: Marker | null;
}
export type KnownValues = Readonly<Record<string, KnownValue | undefined>>;

export type CheckFailureCode =
  'sum_mismatch' | 'currency_mismatch' | 'date_out_of_range' | 'required_missing';

export interface CheckFailure {
  /** The check's id, or `type#index` when it has none. */
  check: string;
  code: CheckFailureCode;
  message: string;
  expected?: string;
  actual?: string;
  paths: string[];
}

type Outcome = Omit<CheckFailure, 'check'> | null | 'skip';

function amountOf(k: KnownValue | undefined): { amount: string; currency: string | null } | null | undefined {
  if (k?.marker === 'not_present' || k?.value === null) return null;
  if (!k || k.marker === 'illegible' || k.value === undefined) return undefined;
  if (typeof k.value === 'string') return { amount: k.value, currency: null };
  return typeof k.value === 'object' ? k.value : undefined;
}

function centsToDecimal(cents: number): string {
  const s = String(cents).padStart(3, '0');
  return canonicalDecimal(`${s.slice(0, -2)}.${s.slice(-2)}`);
}

function rowCount(values: KnownValues, table: string): number | undefined {
  const k = values[rowCountPath(table)];
  if (k?.marker === 'not_present') return 0;
  return typeof k?.value === 'string' && /^\d+$/.test(k.value) ? parseInt(k.value, 10) : undefined;
}

function sumCheck(c: SumCheck, values: KnownValues): Outcome {
  const rows = rowCount(values, c.table);
  const total = amountOf(values[c.equals]);
  if (rows === undefined || !total) return 'skip';
  const cells = Array.from({ length: rows }, (_, i) => amountOf(values[cellPath(c.table, i, c.column)]));
  if (cells.some((x) => x === undefined)) return 'skip';
  const present = cells.filter((x): x is { amount: string; currency: string | null } => x !== null);
  const paths = [c.equals, ...Array.from({ length: rows }, (_, i) => cellPath(c.table, i, c.column))];
  const foreign = present.find((x) => x.currency && total.currency && x.currency !== total.currency);
  if (foreign) {
    const message = `line items in ${foreign.currency ?? ''} but total in ${total.currency ?? ''}`;
    return {
      code: 'currency_mismatch',
      message,
      expected: total.currency ?? '',
      actual: foreign.currency ?? '',
      paths,
    };
  }
  const sum = sumDecimals(present.map((x) => x.amount));
  const diff = absDecimal(subtractDecimals(sum, total.amount));
  if (compareDecimals(diff, centsToDecimal(c.toleranceCents)) <= 0) return null;
  const message = `${c.table}.${c.column} adds up to ${sum}, ${c.equals} says ${total.amount}`;
  return { code: 'sum_mismatch', message, expected: total.amount, actual: sum, paths };
}

function dateOf(values: KnownValues, key: string): string | null | undefined {
  const k = values[key];
  if (k?.marker === 'not_present') return null;
  if (!k || k.marker === 'illegible' || k.value === undefined) return undefined;
  return typeof k.value === 'string' ? k.value : null;
}

function boundOf(bound: DateBound | undefined, values: KnownValues): string | null | undefined {
  if (bound === undefined || typeof bound === 'string') return bound ?? null;
  const base = dateOf(values, bound.field);
  return base ? addDays(base, bound.offsetDays) : base;
}

function dateRange(c: Extract<Check, { type: 'date_range' }>, values: KnownValues): Outcome {
  const date = dateOf(values, c.field);
  const [min, max] = [boundOf(c.min, values), boundOf(c.max, values)];
  if (date === undefined || min === undefined || max === undefined) return 'skip';
  if (date === null) return null;
  const paths = [c.field, ...[c.min, c.max].flatMap((b) => (typeof b === 'object' ? [b.field] : []))];
  if (min !== null && date < min) {
    return {
      code: 'date_out_of_range',
      message: `${c.field} ${date} is before ${min}`,
      expected: `>= ${min}`,
      actual: date,
      paths,
    };
  }
  if (max !== null && date > max) {
    return {
      code: 'date_out_of_range',
      message: `${c.field} ${date} is after ${max}`,
      expected: `<= ${max}`,
      actual: date,
      paths,
    };
  }
  return null;
}

function present(values: KnownValues, key: string): boolean | undefined {
  const rows = rowCount(values, key);
  if (rows !== undefined) return rows > 0;
  const k = values[key];
  if (k?.marker === 'not_present') return false;
  if (!k || k.marker === 'illegible' || k.value === undefined) return undefined;
  return k.value !== null && k.value !== '';
}

function requiredIf(c: Extract<Check, { type: 'required_if' }>, values: KnownValues): Outcome {
  const when = values[c.when];
  const whenSet = present(values, c.when);
  if (whenSet === undefined) return 'skip';
  const triggered = whenSet && (c.equals === undefined || when?.value === c.equals);
  if (!triggered) return null;
  const has = present(values, c.field);
  if (has === undefined) return 'skip';
  if (has) return null;
  return {
    code: 'required_missing',
    message: `${c.field} is required when ${c.when} is given`,
    paths: [c.field, c.when],
  };
}

/** Evaluates the schema's cross-field checks on known values; returns the failures. */
export function evaluateChecks(schema: FieldSchemaDefinition, values: KnownValues): CheckFailure[] {
  return schema.checks.flatMap((c, i) => {
    const outcome =
      c.type === 'sum'
        ? sumCheck(c, values)
        : c.type === 'date_range'
          ? dateRange(c, values)
          : requiredIf(c, values);
    if (outcome === null || outcome === 'skip') return [];
    return [{ check: c.id ?? `${c.type}#${i}`, ...outcome }];
  });
}
