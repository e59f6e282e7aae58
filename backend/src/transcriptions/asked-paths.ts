/**
 * Which paths a submission answers. The task's wanted paths can shrink while a volunteer works
 * (another submission settled a field), so what they sent is accepted too: a value for a field
 * that is settled meanwhile is stored and counts for reliability only. A whole table sent where
 * single cells are now wanted answers the table.
 */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { SubmitTranscriptionBody } from '../contracts/tasks.js';
import { parsePath } from '../crowd/domain/index.js';

/** The wanted paths plus what the body answers, without cells of a table sent whole. */
export function askedPaths(
  schema: FieldSchemaDefinition,
  wanted: readonly string[] | null,
  body: Pick<SubmitTranscriptionBody, 'values' | 'markers'>,
): string[] | null {
  if (!wanted) return null;
  const given = [...Object.keys(body.values), ...Object.keys(body.markers)].filter(
    (k) => parsePath(k) !== null,
  );
  const paths = new Set([...wanted, ...given]);
  const tables = new Set(
    schema.fields.filter((f) => f.type === 'table' && paths.has(f.key)).map((f) => f.key),
  );
  for (const p of [...paths]) {
    const parsed = parsePath(p);
    if (parsed?.kind === 'cell' && tables.has(parsed.table)) paths.delete(p);
  }
  return [...paths];
}
