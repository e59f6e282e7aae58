/** The scalar field (or table column) a field path points at. */
import type { FieldSchemaDefinition, ScalarField } from '../contracts/field-schema.js';
import { parsePath } from './domain/index.js';

/** The field of a top-level path or the column of a cell path; undefined for row counts. */
export function scalarFieldAt(schema: FieldSchemaDefinition, path: string): ScalarField | undefined {
  const p = parsePath(path);
  if (p?.kind === 'field') {
    const f = schema.fields.find((x) => x.key === p.key);
    return f && f.type !== 'table' ? f : undefined;
  }
  const table = p?.kind === 'cell' ? schema.fields.find((x) => x.key === p.table) : undefined;
  return table?.type === 'table' && p?.kind === 'cell'
    ? table.columns.find((c) => c.key === p.column)
    : undefined;
}
