/** A simulated volunteer: types what is printed, with independent errors at their own rate. */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import { parsePath } from '../crowd/domain/index.js';
import { askedBy } from '../transcriptions/entries.js';
import { corrupt, errorKind } from './errors.js';
import type { Printed } from './printed.js';
import type { Rng } from './random.js';

export interface SimDoc {
  header: Printed;
  rows: Printed[];
}

export interface Profile {
  id: string;
  errorRate: number;
}

const typed = (v: string, rate: number, rng: Rng) => (rng() < rate ? corrupt(v, errorKind(v, rng), rng) : v);

/** Values for the asked paths (a table is typed whole, a single cell by its path). */
export function answer(
  schema: FieldSchemaDefinition,
  wanted: readonly string[] | null,
  doc: SimDoc,
  rate: number,
  rng: Rng,
): Record<string, unknown> {
  const asked = askedBy(schema, wanted);
  const values: Record<string, unknown> = {};
  for (const key of asked.keys) {
    const field = schema.fields.find((f) => f.key === key);
    if (field?.type === 'table')
      values[key] = doc.rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typed(v, rate, rng)])),
      );
    else values[key] = typed(doc.header[key] ?? '', rate, rng);
  }
  for (const cell of asked.cells) {
    const p = parsePath(cell);
    if (p?.kind === 'cell') values[cell] = typed(doc.rows[p.row]?.[p.column] ?? '', rate, rng);
  }
  return values;
}

/** The form refused some values: the volunteer looks again and types those correctly. */
export function fixErrors(
  values: Record<string, unknown>,
  paths: string[],
  doc: SimDoc,
): Record<string, unknown> {
  const fixed = { ...values };
  for (const path of paths) {
    const p = parsePath(path);
    if (p?.kind === 'field' && path in fixed) fixed[path] = doc.header[path] ?? '';
    else if (p?.kind === 'cell' && path in fixed) fixed[path] = doc.rows[p.row]?.[p.column] ?? '';
    else if (p?.kind === 'cell' && Array.isArray(fixed[p.table])) {
      const rows = (fixed[p.table] as Record<string, string>[]).map((r) => ({ ...r }));
      if (rows[p.row]) rows[p.row]![p.column] = doc.rows[p.row]?.[p.column] ?? '';
      fixed[p.table] = rows;
    }
  }
  return fixed;
}
