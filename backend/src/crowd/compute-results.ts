/**
 * Consensus for every field path of a task from all its transcriptions (pure). Called inside the
 * submission's transaction. Table cells answered alone in a partial task are pinned votes; an OCR
 * reading counts as a partial vote only for a value somebody typed and that the page text shows.
 */
import type { FieldSchemaDefinition, ScalarField, TableField } from '../contracts/field-schema.js';
import {
  cellPath,
  consensusForField,
  parsePath,
  rowCountPath,
  tableConsensus,
  tableTranscriptionFrom,
  type ConsensusOptions,
  type FieldResult,
  type OcrReading,
  type SubmissionEntry,
  type Vote,
  type VoteSource,
} from './domain/index.js';
import { scalarFieldAt } from './field-at.js';
import { CHECKABLE_TYPES, type PageEvidence } from './page-evidence.js';

export interface ConsensusInput {
  contributorId: string;
  weight: number;
  entries: Record<string, SubmissionEntry>;
  sources: Record<string, string>;
}

export interface ComputeOptions extends ConsensusOptions {
  /** What the task's page text shows, for the OCR partial vote and the text-layer check. */
  evidence: PageEvidence;
  /** Extra transcriptions allowed per path (an editor reopened it). */
  extraAllowance?: Record<string, number>;
}

type Raws = Map<string, Map<string, string[]>>;

function topKey(path: string): string {
  const p = parsePath(path);
  return p?.kind === 'cell' || p?.kind === 'rows' ? p.table : path;
}

function sourceOf(t: ConsensusInput, path: string): VoteSource {
  return (t.sources[path] ?? t.sources[topKey(path)]) === 'ocr' ? 'ocr-picked' : 'typed';
}

function voteOf(t: ConsensusInput, path: string, entry: SubmissionEntry): Vote {
  const base = { contributorId: t.contributorId, weight: t.weight, source: sourceOf(t, path) };
  return entry.kind === 'marker'
    ? { ...base, marker: entry.marker }
    : { ...base, comparable: entry.comparable, value: entry.normalized };
}

function addRaw(raws: Raws, path: string, entry: SubmissionEntry | undefined, source: VoteSource): void {
  if (entry?.kind !== 'value' || source !== 'typed') return;
  const byValue = raws.get(path) ?? new Map<string, string[]>();
  byValue.set(entry.comparable, [...(byValue.get(entry.comparable) ?? []), entry.raw]);
  raws.set(path, byValue);
}

/** The one typed value the page text shows, if exactly one does (several: no OCR vote). */
export function ocrReadingFor(
  byValue: Map<string, string[]> | undefined,
  field: ScalarField | undefined,
  evidence: PageEvidence,
): OcrReading | undefined {
  if (!byValue) return undefined;
  const shown = [...byValue].filter(([comparable, raws]) => evidence.shows(field, comparable, raws));
  return shown.length === 1 && shown[0] ? { comparable: shown[0][0] } : undefined;
}

/**
 * On a text layer (exact), a number, amount, date or tax id that won but is nowhere on the page
 * is suspect — typically two people made the same transposition — so it needs one more vote.
 */
function absentFromTextLayer(
  result: FieldResult,
  field: ScalarField | undefined,
  evidence: PageEvidence,
): boolean {
  if (!evidence.textLayer || !field || !CHECKABLE_TYPES.has(field.type)) return false;
  if (result.status !== 'verified' || result.comparable === null || result.marker !== null) return false;
  return !evidence.shows(field, result.comparable, []);
}

/** Votes back from a result's candidates (to re-run consensus with an OCR reading or a new limit). */
function votesOf(result: FieldResult): Vote[] {
  return result.candidates.flatMap((c) =>
    c.votes.map((v) => ({
      ...v,
      ...(c.marker ? { marker: c.marker } : { comparable: c.comparable ?? '', value: c.value }),
    })),
  );
}

function tableResults(
  table: TableField,
  inputs: readonly ConsensusInput[],
  options: ConsensusOptions,
  raws: Raws,
): Record<string, FieldResult> {
  const rows = rowCountPath(table.key);
  const whole = inputs.filter((t) => t.entries[rows] !== undefined);
  const pinned: Record<string, Vote[]> = {};
  for (const t of inputs.filter((x) => x.entries[rows] === undefined)) {
    for (const [path, entry] of Object.entries(t.entries)) {
      const p = parsePath(path);
      if (p?.kind !== 'cell' || p.table !== table.key) continue;
      (pinned[path] ??= []).push(voteOf(t, path, entry));
      addRaw(raws, path, entry, sourceOf(t, path));
    }
  }
  const transcriptions = whole.map((t) =>
    tableTranscriptionFrom(table, t.entries, {
      contributorId: t.contributorId,
      weight: t.weight,
      source: sourceOf(t, table.key),
    }),
  );
  const result = tableConsensus(table, transcriptions, options, pinned);
  for (const t of whole) {
    (result.alignment[t.contributorId] ?? []).forEach((slot, row) => {
      if (slot === null) return;
      for (const col of table.columns)
        addRaw(
          raws,
          cellPath(table.key, slot, col.key),
          t.entries[cellPath(table.key, row, col.key)],
          sourceOf(t, table.key),
        );
    });
  }
  return { [rows]: result.rowCount, ...result.cells };
}

function similarityOf(schema: FieldSchemaDefinition, path: string): number | undefined {
  const p = parsePath(path);
  const field = schema.fields.find((f) => f.key === (p?.kind === 'cell' ? p.table : path));
  const scalar =
    field?.type === 'table' && p?.kind === 'cell' ? field.columns.find((c) => c.key === p.column) : field;
  return scalar && (scalar.type === 'text' || scalar.type === 'entity') ? scalar.similarity : undefined;
}

/** Consensus for every path any transcription answered. */
export function computeFieldResults(
  schema: FieldSchemaDefinition,
  inputs: readonly ConsensusInput[],
  options: ComputeOptions,
): Record<string, FieldResult> {
  const { evidence, extraAllowance = {}, ...base } = options;
  const raws: Raws = new Map();
  const results: Record<string, FieldResult> = {};
  for (const field of schema.fields) {
    if (field.type === 'table') {
      Object.assign(results, tableResults(field, inputs, base, raws));
      continue;
    }
    const votes = inputs.flatMap((t) => {
      const entry = t.entries[field.key];
      if (!entry) return [];
      addRaw(raws, field.key, entry, sourceOf(t, field.key));
      return [voteOf(t, field.key, entry)];
    });
    if (votes.length)
      results[field.key] = consensusForField(votes, { ...base, similarity: similarityOf(schema, field.key) });
  }
  for (const [path, result] of Object.entries(results)) {
    if (parsePath(path)?.kind === 'rows') continue;
    const field = scalarFieldAt(schema, path);
    const ocr = ocrReadingFor(raws.get(path), field, evidence);
    const extra = extraAllowance[path] ?? 0;
    const opts = {
      ...base,
      maxTranscriptions: (base.maxTranscriptions ?? 5) + extra,
      similarity: similarityOf(schema, path),
    };
    let r = ocr || extra ? consensusForField(votesOf(result), opts, ocr) : result;
    if (absentFromTextLayer(r, field, evidence))
      r = consensusForField(votesOf(r), { ...opts, agreeK: (base.agreeK ?? 2) + 1 }, ocr);
    results[path] = r;
  }
  return results;
}
