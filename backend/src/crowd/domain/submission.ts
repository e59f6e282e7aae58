// Validation of a whole transcription against the schema: every error is reported at once, with
// its field path, so the form can mark each wrong input.
import type { FieldSchemaDefinition, ScalarField, TableField } from '../../contracts/field-schema.js';
import { normalizeValue } from './normalize.js';
import { cellPath, rowCountPath } from './paths.js';
import {
  MARKERS,
  type Marker,
  type NormalizeErrorCode,
  type NormalizedValue,
  type RawValue,
} from './types.js';

export type SubmissionValues = Record<string, RawValue | Record<string, RawValue>[]>;
export type SubmissionMarkers = Record<string, Marker>;

export type SubmissionEntry =
  | { kind: 'value'; raw: string; normalized: NormalizedValue; comparable: string }
  | { kind: 'marker'; marker: Marker };

export type SubmissionErrorCode =
  | NormalizeErrorCode
  | 'unknown_field'
  | 'not_wanted'
  | 'not_a_table'
  | 'not_a_value'
  | 'too_few_rows'
  | 'too_many_rows'
  | 'invalid_marker';

export interface SubmissionError {
  path: string;
  code: SubmissionErrorCode;
  message: string;
}

export type SubmissionResult =
  { ok: true; entries: Record<string, SubmissionEntry> } | { ok: false; errors: SubmissionError[] };

export interface SubmissionOptions {
  /** Top-level keys asked in this (possibly partial) task; default every field. */
  fields?: readonly string[];
}

interface Acc {
  entries: Record<string, SubmissionEntry>;
  errors: SubmissionError[];
  markers: SubmissionMarkers;
  locale: string;
}

function scalar(field: ScalarField, path: string, raw: unknown, acc: Acc): void {
  const marker = acc.markers[path];
  if (marker !== undefined) {
    acc.entries[path] = { kind: 'marker', marker };
    return;
  }
  if (raw !== null && raw !== undefined && !['string', 'number', 'boolean'].includes(typeof raw)) {
    acc.errors.push({ path, code: 'not_a_value', message: 'expected a single value' });
    return;
  }
  const r = normalizeValue(field, raw as RawValue, acc.locale);
  if (r.ok)
    acc.entries[path] = { kind: 'value', raw: r.raw, normalized: r.normalized, comparable: r.comparable };
  else acc.errors.push({ path, code: r.code, message: r.message });
}

function table(field: TableField, raw: unknown, acc: Acc): void {
  const countPath = rowCountPath(field.key);
  const marker = acc.markers[field.key];
  if (marker !== undefined) {
    // A table marked absent or illegible is a vote for that marker on its row count.
    acc.entries[countPath] = { kind: 'marker', marker };
    return;
  }
  const rows = raw ?? [];
  if (!Array.isArray(rows)) {
    acc.errors.push({ path: field.key, code: 'not_a_table', message: 'expected a list of rows' });
    return;
  }
  const n = rows.length;
  if (n < Math.max(field.minRows, field.required ? 1 : 0)) {
    acc.errors.push({
      path: field.key,
      code: n === 0 ? 'required' : 'too_few_rows',
      message: 'too few rows',
    });
  }
  if (field.maxRows !== undefined && n > field.maxRows) {
    acc.errors.push({ path: field.key, code: 'too_many_rows', message: `at most ${field.maxRows} rows` });
  }
  acc.entries[countPath] = { kind: 'value', raw: String(n), normalized: String(n), comparable: String(n) };
  rows.forEach((row: unknown, i) => {
    const cells = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
    for (const col of field.columns) scalar(col, cellPath(field.key, i, col.key), cells[col.key], acc);
  });
}

function hasValue(entry: SubmissionEntry | undefined, equals?: string | boolean): boolean {
  if (!entry || entry.kind !== 'value' || entry.normalized === null) return false;
  return equals === undefined || entry.normalized === equals;
}

// required_if is enforced at entry time as well as on verified values, so the form can say so.
function requiredIf(schema: FieldSchemaDefinition, acc: Acc): void {
  for (const check of schema.checks) {
    if (check.type !== 'required_if' || !(check.when in acc.entries) || !(check.field in acc.entries))
      continue;
    const target = acc.entries[check.field];
    if (
      hasValue(acc.entries[check.when], check.equals) &&
      target?.kind === 'value' &&
      target.normalized === null
    ) {
      acc.errors.push({
        path: check.field,
        code: 'required',
        message: `required when ${check.when} is given`,
      });
    }
  }
}

function checkKeys(
  schema: FieldSchemaDefinition,
  values: SubmissionValues,
  acc: Acc,
  wanted: Set<string>,
): void {
  const known = new Set(schema.fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) acc.errors.push({ path: key, code: 'unknown_field', message: 'no such field' });
    else if (!wanted.has(key))
      acc.errors.push({ path: key, code: 'not_wanted', message: 'not asked in this task' });
  }
  for (const [path, marker] of Object.entries(acc.markers)) {
    if (!MARKERS.includes(marker))
      acc.errors.push({ path, code: 'invalid_marker', message: 'unknown marker' });
  }
}

/** Validates and normalises a transcription: entries per field path, or every error with its path. */
export function validateSubmission(
  schema: FieldSchemaDefinition,
  values: SubmissionValues,
  markers: SubmissionMarkers,
  locale: string,
  options: SubmissionOptions = {},
): SubmissionResult {
  const wanted = new Set(options.fields ?? schema.fields.map((f) => f.key));
  const acc: Acc = { entries: {}, errors: [], markers, locale };
  checkKeys(schema, values, acc, wanted);
  for (const field of schema.fields) {
    if (!wanted.has(field.key)) continue;
    if (field.type === 'table') table(field, values[field.key], acc);
    else scalar(field, field.key, values[field.key], acc);
  }
  requiredIf(schema, acc);
  return acc.errors.length > 0 ? { ok: false, errors: acc.errors } : { ok: true, entries: acc.entries };
}
