/**
 * Merging fresh consensus with what is already settled (pure). A verified or reviewed field is
 * final: later votes feed reliability but never flip a published value.
 */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import {
  needsMoreFor,
  parsePath,
  rowCountPath,
  type ConsensusOptions,
  type FieldResult,
  type Needs,
  type RecordFieldInput,
} from './domain/index.js';
import type { FieldResultRow, FieldResultWrite, StoredValue } from './repository.js';

export interface Settled {
  /** Every path's status and value as record evaluation reads them. */
  inputs: Record<string, RecordFieldInput>;
  /** Rows to write (only those that changed). */
  writes: FieldResultWrite[];
  newlyVerified: string[];
  newlyDisputed: string[];
  newlyNeedsReview: string[];
}

const isFinal = (row: FieldResultRow | undefined) => row?.status === 'verified' || row?.status === 'reviewed';

/** The stored form of a fresh result. */
export function writeOf(path: string, r: FieldResult): FieldResultWrite {
  const value: StoredValue | null =
    r.comparable === null && r.marker === null ? null : { v: r.value ?? null, m: r.marker, c: r.comparable };
  return {
    fieldPath: path,
    status: r.status,
    value,
    support: r.support,
    contributors: r.contributors.length,
    confidence: r.confidence,
    candidates: r.candidates,
  };
}

/** Record-evaluation input from a stored row. */
export function inputOfRow(row: FieldResultRow): RecordFieldInput {
  const value = row.value as StoredValue | null;
  return {
    status: row.status === 'needs_review' ? 'needs_review' : row.status,
    value: value?.v ?? undefined,
    marker: value?.m ?? null,
  };
}

/** Fresh results merged over stored ones. */
export function settle(computed: Record<string, FieldResult>, stored: Map<string, FieldResultRow>): Settled {
  const out: Settled = { inputs: {}, writes: [], newlyVerified: [], newlyDisputed: [], newlyNeedsReview: [] };
  for (const [path, row] of stored) out.inputs[path] = inputOfRow(row);
  for (const [path, result] of Object.entries(computed)) {
    const prev = stored.get(path);
    if (isFinal(prev)) continue;
    const write = writeOf(path, result);
    out.inputs[path] = { status: result.status, value: result.value, marker: result.marker };
    if (!prev || JSON.stringify(write) !== JSON.stringify(comparableRow(prev))) out.writes.push(write);
    if (result.status === 'verified') out.newlyVerified.push(path);
    if (result.status === 'disputed' && prev?.status !== 'disputed') out.newlyDisputed.push(path);
    if (result.status === 'needs_review' && prev?.status !== 'needs_review') out.newlyNeedsReview.push(path);
  }
  return out;
}

function comparableRow(row: FieldResultRow): FieldResultWrite {
  const { fieldPath, status, support, contributors, confidence, candidates } = row;
  return {
    fieldPath,
    status,
    value: row.value as StoredValue | null,
    support,
    contributors,
    confidence,
    candidates,
  };
}

function verifyPaths(schema: FieldSchemaDefinition): { scalar: Set<string>; tables: Set<string> } {
  const scalar = new Set<string>();
  const tables = new Set<string>();
  for (const f of schema.fields) if (f.verify) (f.type === 'table' ? tables : scalar).add(f.key);
  return { scalar, tables };
}

/**
 * What the task still needs. Only verify-fields count; a table's cells count once its row count
 * is settled (before that the whole table is asked again).
 */
export function stillNeeded(
  schema: FieldSchemaDefinition,
  computed: Record<string, FieldResult>,
  settled: Settled,
  options: ConsensusOptions & { extraAllowance?: Record<string, number> },
): Needs {
  const { scalar, tables } = verifyPaths(schema);
  const open: Record<string, FieldResult> = {};
  for (const [path, r] of Object.entries(computed)) {
    const status = settled.inputs[path]?.status;
    if (status === 'verified' || status === 'reviewed') continue;
    const p = parsePath(path);
    const counts =
      (p?.kind === 'field' && scalar.has(p.key)) ||
      (p?.kind === 'rows' && tables.has(p.table)) ||
      (p?.kind === 'cell' && tables.has(p.table) && isSettled(settled, rowCountPath(p.table)));
    if (!counts) continue;
    const extra = options.extraAllowance?.[path] ?? 0;
    open[path] = extra ? { ...r, transcriptions: r.transcriptions - extra } : r;
  }
  return needsMoreFor(open, options);
}

function isSettled(settled: Settled, path: string): boolean {
  const s = settled.inputs[path]?.status;
  return s === 'verified' || s === 'reviewed';
}
