// Table line items: transcriptions are aligned to one reference transcription (chosen by content,
// never by arrival order), then every cell gets ordinary per-field consensus. The row count is a
// voted value of its own, so "3 rows vs 4 rows" is a dispute like any other.
import type { TableField } from '../../contracts/field-schema.js';
import {
  consensusForField,
  type ConsensusOptions,
  type FieldResult,
  type Vote,
  type VoteSource,
} from './consensus.js';
import { cellPath, parsePath, rowCountPath } from './paths.js';
import type { SubmissionEntry } from './submission.js';
import type { Marker, NormalizedValue } from './types.js';

export interface RowCell {
  comparable?: string;
  marker?: Marker;
  value?: NormalizedValue;
}

export interface TableTranscription {
  contributorId: string;
  weight: number;
  /** Rows in the volunteer's order; ignored when `marker` says the table is absent or illegible. */
  rows: Record<string, RowCell>[];
  marker?: Marker;
  source?: VoteSource;
}

export interface TableResult {
  rowCount: FieldResult;
  /** Cell results by path (`items[2].importe`), one slot per reference row. */
  cells: Record<string, FieldResult>;
  slots: number;
  /** Per contributor, the slot each of their rows went to (null: an extra row matching none). */
  alignment: Record<string, (number | null)[]>;
}

// A skipped or added row costs this much, so rows at the same position stay paired unless
// content clearly says a row is missing.
const GAP = -0.3;

function cellsEqual(a: RowCell | undefined, b: RowCell | undefined): boolean {
  if (!a || !b) return false;
  return a.marker || b.marker ? a.marker === b.marker : a.comparable === b.comparable;
}

function rowSimilarity(
  a: Record<string, RowCell>,
  b: Record<string, RowCell>,
  keys: readonly string[],
): number {
  return keys.length === 0 ? 0 : keys.filter((k) => cellsEqual(a[k], b[k])).length / keys.length;
}

// Needleman–Wunsch over rows; on equal scores the traceback prefers pairing, which keeps the
// result a function of content only.
function align(ref: TableTranscription['rows'], other: TableTranscription['rows'], keys: readonly string[]) {
  const [m, n] = [ref.length, other.length];
  const score = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i + j) * GAP),
  );
  const at = (i: number, j: number): number => score[i]?.[j] ?? 0;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const pair = at(i - 1, j - 1) + rowSimilarity(ref[i - 1] ?? {}, other[j - 1] ?? {}, keys);
      (score[i] ?? [])[j] = Math.max(pair, at(i - 1, j) + GAP, at(i, j - 1) + GAP);
    }
  }
  const mapping: (number | null)[] = Array.from({ length: n }, () => null);
  for (let i = m, j = n; i > 0 || j > 0;) {
    // Recomputing with the very same operations as the fill makes these float equalities exact.
    if (i === 0) j--;
    else if (j === 0) i--;
    else if (at(i - 1, j - 1) + rowSimilarity(ref[i - 1] ?? {}, other[j - 1] ?? {}, keys) === at(i, j)) {
      mapping[--j] = --i;
    } else if (at(i - 1, j) + GAP === at(i, j)) i--;
    else j--;
  }
  return { mapping, score: at(m, n) };
}

function rowCountVotes(ts: readonly TableTranscription[]): Vote[] {
  return ts.map((t) => ({
    contributorId: t.contributorId,
    weight: t.weight,
    source: t.source ?? 'typed',
    ...(t.marker
      ? { marker: t.marker }
      : { comparable: String(t.rows.length), value: String(t.rows.length) }),
  }));
}

// The reference has the leading row count (the larger on a tie) and, among those, agrees most
// with everyone else; the contributor id only settles exact ties, never arrival order.
function chooseReference(ts: readonly TableTranscription[], count: FieldResult, keys: readonly string[]) {
  const withRows = ts.filter((t) => !t.marker);
  const counts = count.candidates.filter((c) => c.comparable !== null && c.support >= count.support - 1e-9);
  const target = count.comparable ?? String(Math.max(-1, ...counts.map((c) => Number(c.comparable))));
  const pool = withRows.filter((t) => String(t.rows.length) === target);
  const ranked = pool
    .map((t) => ({ t, total: withRows.reduce((acc, o) => acc + align(t.rows, o.rows, keys).score, 0) }))
    .sort((a, b) => b.total - a.total || (a.t.contributorId < b.t.contributorId ? -1 : 1));
  return ranked[0]?.t;
}

function addCellVotes(
  table: TableField,
  t: TableTranscription,
  mapping: readonly (number | null)[],
  votes: Map<string, Vote[]>,
): void {
  mapping.forEach((slot, r) => {
    if (slot === null) return;
    for (const col of table.columns) {
      const cell = t.rows[r]?.[col.key];
      if (!cell) continue;
      const path = cellPath(table.key, slot, col.key);
      const vote: Vote = {
        contributorId: t.contributorId,
        weight: t.weight,
        source: t.source ?? 'typed',
        ...cell,
      };
      votes.set(path, [...(votes.get(path) ?? []), vote]);
    }
  });
}

/** Consensus for a table: voted row count, row alignment, then per-cell consensus. */
export function tableConsensus(
  table: TableField,
  transcriptions: readonly TableTranscription[],
  options: ConsensusOptions = {},
  pinned: Readonly<Record<string, Vote[]>> = {},
): TableResult {
  const keys = table.rowKey ?? table.columns.map((c) => c.key);
  const rowCount = consensusForField(rowCountVotes(transcriptions), options);
  const ref = chooseReference(transcriptions, rowCount, keys);
  const slots = ref?.rows.length ?? 0;
  const votes = new Map<string, Vote[]>(Object.entries(pinned).map(([p, v]) => [p, [...v]]));
  const alignment: Record<string, (number | null)[]> = {};
  for (const t of transcriptions.filter((x) => !x.marker)) {
    const { mapping } = ref ? align(ref.rows, t.rows, keys) : { mapping: t.rows.map(() => null) };
    alignment[t.contributorId] = mapping;
    addCellVotes(table, t, mapping, votes);
  }
  const cells: Record<string, FieldResult> = {};
  for (let slot = 0; slot < slots; slot++) {
    for (const col of table.columns) {
      const path = cellPath(table.key, slot, col.key);
      const similarity = col.type === 'text' || col.type === 'entity' ? col.similarity : undefined;
      cells[path] = consensusForField(votes.get(path) ?? [], { ...options, similarity });
    }
  }
  return { rowCount, cells, slots, alignment };
}

/** Builds a table transcription from `validateSubmission` entries (row count + cell entries). */
export function tableTranscriptionFrom(
  table: TableField,
  entries: Readonly<Record<string, SubmissionEntry>>,
  contributor: { contributorId: string; weight: number; source?: VoteSource },
): TableTranscription {
  const count = entries[rowCountPath(table.key)];
  if (count?.kind === 'marker') return { ...contributor, rows: [], marker: count.marker };
  const rows: Record<string, RowCell>[] = Array.from({ length: Number(count?.comparable ?? 0) }, () => ({}));
  for (const [path, entry] of Object.entries(entries)) {
    const p = parsePath(path);
    if (p?.kind !== 'cell' || p.table !== table.key || !rows[p.row]) continue;
    (rows[p.row] ?? {})[p.column] =
      entry.kind === 'marker'
        ? { marker: entry.marker }
        : { comparable: entry.comparable, value: entry.normalized };
  }
  return { ...contributor, rows };
}
