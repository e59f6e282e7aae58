/**
 * Turns the researcher API's query string into a typed record query (pure). Only public scalar
 * fields can be filtered or sorted on: filtering on a private field would leak its values.
 */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import { AppError } from '../errors.js';

export type FieldKind = 'text' | 'number' | 'money' | 'date' | 'boolean' | 'timestamp';

/** When a record was verified: the default sort (newest first). */
export const VERIFIED_AT: QueryField = { key: 'verified_at', kind: 'timestamp' };

export interface QueryField {
  key: string;
  kind: FieldKind;
}

export interface RecordQuery {
  eq: Array<{ field: QueryField; value: string }>;
  ranges: Array<{ field: QueryField; min?: string; max?: string }>;
  q?: string;
  sort?: { field: QueryField; desc: boolean };
  after?: { value: string | null; id: string };
}

const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

/** Public scalar fields by key, with how they compare. */
export function queryFields(schema: FieldSchemaDefinition | null): Map<string, QueryField> {
  const out = new Map<string, QueryField>();
  for (const f of schema?.fields ?? []) {
    if (!f.public || f.type === 'table') continue;
    const kind: FieldKind =
      f.type === 'money' || f.type === 'number' || f.type === 'date' || f.type === 'boolean'
        ? f.type
        : 'text';
    out.set(f.key, { key: f.key, kind });
  }
  return out;
}

const bad = (message: string, param: string) => new AppError('validation_failed', message, { param });

function fieldFor(fields: Map<string, QueryField>, key: string, param: string): QueryField {
  const field = fields.get(key);
  if (!field) throw bad(`"${key}" is not a public field of this project`, param);
  return field;
}

function checkBound(field: QueryField, value: string, param: string): string {
  const ok = field.kind === 'date' ? DATE.test(value) : DECIMAL.test(value);
  if (!ok || field.kind === 'text' || field.kind === 'boolean') {
    throw bad(`${param} needs a ${field.kind === 'date' ? 'date (yyyy-mm-dd)' : 'decimal number'}`, param);
  }
  return value;
}

/** Reads `f.<key>`, `min.<key>`/`max.<key>`, `from.<key>`/`to.<key>` out of a query string. */
export function parseFilters(fields: Map<string, QueryField>, query: Record<string, unknown>): RecordQuery {
  const spec: RecordQuery = { eq: [], ranges: [] };
  const ranges = new Map<string, { field: QueryField; min?: string; max?: string }>();
  for (const [param, raw] of Object.entries(query)) {
    const match = /^(f|min|max|from|to)\.(.+)$/.exec(param);
    if (!match) continue;
    const value = Array.isArray(raw) ? String(raw[0]) : String(raw);
    const field = fieldFor(fields, match[2]!, param);
    if (match[1] === 'f') {
      spec.eq.push({ field, value });
      continue;
    }
    const range = ranges.get(field.key) ?? { field };
    const bound = checkBound(field, value, param);
    if (match[1] === 'min' || match[1] === 'from') range.min = bound;
    else range.max = match[1] === 'to' && bound.length === 7 ? `${bound}-31` : bound;
    ranges.set(field.key, range);
  }
  spec.ranges = [...ranges.values()];
  return spec;
}

/** Reads `sort=key|-key` (default: newest verified first). */
export function parseSort(
  fields: Map<string, QueryField>,
  sort: string | undefined,
): NonNullable<RecordQuery['sort']> {
  if (!sort) return { field: VERIFIED_AT, desc: true };
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  return { field: key === VERIFIED_AT.key ? VERIFIED_AT : fieldFor(fields, key, 'sort'), desc };
}

/** The opaque cursor: the last row's sort value and id. */
export function encodeCursor(value: string | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** Decodes a cursor (a bad one is a 422). */
export function decodeCursor(cursor: string | undefined): RecordQuery['after'] {
  if (!cursor) return undefined;
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (
      (typeof value === 'string' || value === null) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id)
    ) {
      return { value, id };
    }
  } catch {
    // falls through to the error below
  }
  throw bad('The cursor is not valid; start again without it', 'cursor');
}
