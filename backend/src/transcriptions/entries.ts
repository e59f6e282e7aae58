/**
 * Validation of a submission against the task it answers. A full task asks every top-level field;
 * a partial task asks only the still-wanted paths: a top-level field, a whole table (its row
 * count is disputed) or single table cells (`items[3].importe`, answered by that path).
 */
import type { FieldSchemaDefinition, ScalarField } from '../contracts/field-schema.js';
import {
  normalizeValue,
  parsePath,
  validateSubmission,
  type RawValue,
  type SubmissionEntry,
  type SubmissionError,
  type SubmissionMarkers,
  type SubmissionValues,
} from '../crowd/domain/index.js';

export interface Asked {
  keys: string[];
  cells: string[];
}

/** What a task asks: top-level keys to validate whole, and single cells. */
export function askedBy(schema: FieldSchemaDefinition, wanted: readonly string[] | null): Asked {
  if (!wanted) return { keys: schema.fields.map((f) => f.key), cells: [] };
  const keys = new Set<string>();
  const cells: string[] = [];
  for (const path of wanted) {
    const p = parsePath(path);
    if (p?.kind === 'field') keys.add(p.key);
    else if (p?.kind === 'rows') keys.add(p.table);
    else if (p?.kind === 'cell') cells.push(path);
  }
  return { keys: [...keys], cells };
}

function columnOf(schema: FieldSchemaDefinition, path: string): ScalarField | undefined {
  const p = parsePath(path);
  if (p?.kind !== 'cell') return undefined;
  const table = schema.fields.find((f) => f.key === p.table);
  return table?.type === 'table' ? table.columns.find((c) => c.key === p.column) : undefined;
}

function cellEntries(
  schema: FieldSchemaDefinition,
  asked: Asked,
  values: Record<string, unknown>,
  markers: SubmissionMarkers,
  locale: string,
): { entries: Record<string, SubmissionEntry>; errors: SubmissionError[] } {
  const entries: Record<string, SubmissionEntry> = {};
  const errors: SubmissionError[] = [];
  for (const path of asked.cells) {
    const column = columnOf(schema, path);
    const marker = markers[path];
    if (!column) errors.push({ path, code: 'unknown_field', message: 'no such cell' });
    else if (marker) entries[path] = { kind: 'marker', marker };
    else {
      const raw = values[path];
      const r = normalizeValue(column, (typeof raw === 'object' ? undefined : raw) as RawValue, locale);
      if (r.ok)
        entries[path] = { kind: 'value', raw: r.raw, normalized: r.normalized, comparable: r.comparable };
      else errors.push({ path, code: r.code, message: r.message });
    }
  }
  return { entries, errors };
}

/** Entries by field path, or every error with its path. */
export function validateTaskSubmission(
  schema: FieldSchemaDefinition,
  wanted: readonly string[] | null,
  input: { values: Record<string, unknown>; markers: SubmissionMarkers; locale: string },
): { ok: true; entries: Record<string, SubmissionEntry> } | { ok: false; errors: SubmissionError[] } {
  const asked = askedBy(schema, wanted);
  const whole: SubmissionValues = {};
  const errors: SubmissionError[] = [];
  for (const [key, value] of Object.entries(input.values)) {
    if (parsePath(key)?.kind !== 'cell') whole[key] = value as SubmissionValues[string];
    else if (!asked.cells.includes(key))
      errors.push({ path: key, code: 'not_wanted', message: 'not asked in this task' });
  }
  const main = validateSubmission(schema, whole, input.markers, input.locale, { fields: asked.keys });
  const cells = cellEntries(schema, asked, input.values, input.markers, input.locale);
  errors.push(...(main.ok ? [] : main.errors), ...cells.errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entries: { ...(main.ok ? main.entries : {}), ...cells.entries } };
}
