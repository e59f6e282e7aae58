/** The values a verified record publishes, nested as the schema declares them (pure). */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import { cellPath, rowCountPath, type RecordEvaluation } from './domain/index.js';

type Values = RecordEvaluation['values'];

const valueAt = (values: Values, path: string) => {
  const v = values[path];
  return v && v.marker === null ? (v.value ?? null) : null;
};

/** Header fields as values, tables as lists of row objects; markers publish as null. */
export function recordValues(schema: FieldSchemaDefinition, values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of schema.fields) {
    if (f.type !== 'table') {
      out[f.key] = valueAt(values, f.key);
      continue;
    }
    const n = Number(valueAt(values, rowCountPath(f.key)) ?? 0);
    out[f.key] = Array.from({ length: Number.isFinite(n) ? n : 0 }, (_, row) =>
      Object.fromEntries(f.columns.map((c) => [c.key, valueAt(values, cellPath(f.key, row, c.key))])),
    );
  }
  return out;
}

/** Only the public fields (and public columns) of stored record values. */
export function publicValues(
  schema: FieldSchemaDefinition,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of schema.fields) {
    if (!f.public || !(f.key in values)) continue;
    if (f.type !== 'table') out[f.key] = values[f.key];
    else {
      const rows = Array.isArray(values[f.key]) ? (values[f.key] as Record<string, unknown>[]) : [];
      const cols = f.columns.filter((c) => c.public).map((c) => c.key);
      out[f.key] = rows.map((r) => Object.fromEntries(cols.map((k) => [k, r[k] ?? null])));
    }
  }
  return out;
}

/** A short text summary of public scalar values for real-time notices. */
export function summaryOf(
  schema: FieldSchemaDefinition,
  values: Record<string, unknown>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of schema.fields.filter((x) => x.type !== 'table' && x.public).slice(0, 4)) {
    const v = values[f.key];
    out[f.key] = v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
