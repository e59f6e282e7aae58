// A record is verified field by field: no single transcription has to match on every field
// (VozData's rule), only every verify-field has to reach consensus and the checks must pass.
import type { FieldSchemaDefinition, ScalarField } from '../../contracts/field-schema.js';
import { evaluateChecks, type CheckFailure } from './checks.js';
import type { FieldStatus } from './consensus.js';
import { cellPath, rowCountPath } from './paths.js';
import type { Marker, NormalizedValue } from './types.js';

/** What record evaluation needs of a field result; 'reviewed' is an editor's decision. */
export interface RecordFieldInput {
  status: FieldStatus | 'reviewed';
  value: NormalizedValue | undefined;
  marker: Marker | null;
}

export type RecordStatus = 'pending' | 'verified' | 'review';

export interface RecordReason {
  code: 'field_pending' | 'field_needs_review' | 'required_missing' | 'check_failed';
  path?: string;
  message: string;
  check?: CheckFailure;
}

export interface RecordEvaluation {
  status: RecordStatus;
  reasons: RecordReason[];
  /** Verified (or reviewed) values by path, for publication and checks. */
  values: Record<string, { value: NormalizedValue | undefined; marker: Marker | null }>;
}

type Results = Readonly<Record<string, RecordFieldInput | undefined>>;

const settled = (r: RecordFieldInput | undefined): r is RecordFieldInput =>
  r !== undefined && (r.status === 'verified' || r.status === 'reviewed');

// Cells exist only once the row count is settled, so the paths to verify depend on results.
function requiredPaths(
  schema: FieldSchemaDefinition,
  results: Results,
): { path: string; field: ScalarField | null }[] {
  return schema.fields.flatMap((f) => {
    if (f.type !== 'table') return f.verify ? [{ path: f.key, field: f }] : [];
    if (!f.verify) return [];
    const count = results[rowCountPath(f.key)];
    const rows =
      settled(count) && typeof count.value === 'string' && count.marker === null
        ? parseInt(count.value, 10)
        : 0;
    const cells = Array.from({ length: rows }, (_, i) =>
      f.columns.filter((c) => c.verify).map((c) => ({ path: cellPath(f.key, i, c.key), field: c })),
    );
    return [{ path: rowCountPath(f.key), field: null }, ...cells.flat()];
  });
}

function fieldReasons(schema: FieldSchemaDefinition, results: Results): RecordReason[] {
  return requiredPaths(schema, results).flatMap(({ path, field }): RecordReason[] => {
    const r = results[path];
    if (r?.status === 'needs_review')
      return [{ code: 'field_needs_review', path, message: 'no agreement at the limit' }];
    if (!settled(r)) return [{ code: 'field_pending', path, message: 'not verified yet' }];
    const missing = r.marker !== null || r.value === null || r.value === '';
    if (field?.required && missing)
      return [{ code: 'required_missing', path, message: `verified as ${r.marker ?? 'empty'}` }];
    return [];
  });
}

/** Decides a record's status from its field results and the schema's checks, with reasons. */
export function evaluateRecord(schema: FieldSchemaDefinition, results: Results): RecordEvaluation {
  const values: Record<string, { value: NormalizedValue | undefined; marker: Marker | null }> = {};
  for (const [path, r] of Object.entries(results))
    if (settled(r)) values[path] = { value: r.value, marker: r.marker };
  const reasons = fieldReasons(schema, results);
  const pendingOnly = reasons.every((r) => r.code === 'field_pending');
  if (reasons.length > 0 && pendingOnly) return { status: 'pending', reasons, values };
  if (reasons.length > 0)
    return { status: 'review', reasons: reasons.filter((r) => r.code !== 'field_pending'), values };
  const failures = evaluateChecks(schema, values);
  const checkReasons = failures.map((check): RecordReason => ({
    code: 'check_failed',
    message: check.message,
    check,
  }));
  return { status: checkReasons.length > 0 ? 'review' : 'verified', reasons: checkReasons, values };
}
