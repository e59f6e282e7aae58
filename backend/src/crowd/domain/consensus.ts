// Per-field consensus over weighted votes. Votes are sorted canonically first, so the result
// (including float sums of weights) never depends on the order votes arrived in, and a tie is
// never broken: an equal runner-up keeps the field open.
import { similarity as textSimilarity } from './text.js';
import type { Marker, NormalizedValue } from './types.js';

export type VoteSource = 'typed' | 'ocr-picked';

export interface Vote {
  contributorId: string;
  /** The normalised comparable string; ignored when `marker` is set. */
  comparable?: string;
  marker?: Marker;
  /** The normalised value to publish if this reading wins. */
  value?: NormalizedValue;
  /** Reliability weight (1 for a new volunteer). */
  weight: number;
  source: VoteSource;
}

export interface OcrReading {
  comparable: string;
}

export interface ConsensusOptions {
  agreeK?: number;
  maxTranscriptions?: number;
  /** How far the leader must be ahead of the runner-up (in weight); always > 0 in effect. */
  margin?: number;
  /** Text similarity threshold in [0, 1]; 1 clusters only equal comparables. */
  similarity?: number;
  /** Partial vote of an OCR reading, counted only for a value some volunteer typed. */
  ocrWeight?: number;
}

export type FieldStatus = 'pending' | 'verified' | 'disputed' | 'needs_review';

export interface Candidate {
  comparable: string | null;
  marker: Marker | null;
  value: NormalizedValue | undefined;
  support: number;
  /** OCR agreed with this value and counted as a partial vote. */
  ocr: boolean;
  /** Index of the similarity cluster this value belongs to. */
  cluster: number;
  votes: { contributorId: string; weight: number; source: VoteSource }[];
}

export interface FieldResult {
  status: FieldStatus;
  /** Winning (or, unverified, leading) reading; undefined when there is none. */
  comparable: string | null;
  marker: Marker | null;
  value: NormalizedValue | undefined;
  /** Weight of the leading cluster, OCR included. */
  support: number;
  runnerUp: number;
  /** Leader's share of all support, 0–1. */
  confidence: number;
  /** Contributors in the leading cluster, sorted. */
  contributors: string[];
  /** Distinct contributors who voted on this field. */
  transcriptions: number;
  /** The leading cluster has two equally supported exact values, so it has no representative. */
  ambiguous: boolean;
  candidates: Candidate[];
}

/** Defaults as in the project settings. */
export const CONSENSUS_DEFAULTS = {
  agreeK: 2,
  maxTranscriptions: 5,
  margin: 0.5,
  similarity: 1,
  ocrWeight: 0.5,
};

// Float sums of weights are compared with this tolerance so 0.7 + 1.3 reaches 2.
export const EPSILON = 1e-9;

type Opts = typeof CONSENSUS_DEFAULTS;

function voteKey(v: Vote): string {
  return v.marker ? `!${v.marker}` : `=${v.comparable ?? ''}`;
}

function canonicalVotes(votes: readonly Vote[]): Vote[] {
  const sorted = [...votes].sort((a, b) =>
    a.contributorId !== b.contributorId
      ? a.contributorId < b.contributorId
        ? -1
        : 1
      : voteKey(a) < voteKey(b)
        ? -1
        : voteKey(a) > voteKey(b)
          ? 1
          : 0,
  );
  // One vote per contributor; the scheduler already prevents duplicates, this keeps it pure.
  return sorted.filter((v, i) => i === 0 || sorted[i - 1]?.contributorId !== v.contributorId);
}

// The published form among votes with the same comparable: the most frequent, then smallest JSON.
function displayValue(votes: readonly Vote[]): NormalizedValue | undefined {
  const counts = new Map<string, number>();
  for (const v of votes)
    if (v.value !== undefined)
      counts.set(JSON.stringify(v.value), (counts.get(JSON.stringify(v.value)) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? (JSON.parse(best[0]) as NormalizedValue) : undefined;
}

function buildCandidates(votes: readonly Vote[], ocr: OcrReading | undefined, opts: Opts): Candidate[] {
  const groups = new Map<string, Vote[]>();
  for (const v of votes) groups.set(voteKey(v), [...(groups.get(voteKey(v)) ?? []), v]);
  return [...groups.keys()].sort().map((key) => {
    const vs = groups.get(key) ?? [];
    const first = vs[0];
    const typed = vs.some((v) => v.source === 'typed');
    const ocrHit = !first?.marker && ocr !== undefined && typed && ocr.comparable === first?.comparable;
    const weights = vs.map((v) => Math.max(0, v.weight));
    return {
      comparable: first?.marker ? null : (first?.comparable ?? ''),
      marker: first?.marker ?? null,
      value: displayValue(vs),
      support: weights.reduce((a, b) => a + b, 0) + (ocrHit ? opts.ocrWeight : 0),
      ocr: ocrHit,
      cluster: -1,
      votes: vs.map((v) => ({ contributorId: v.contributorId, weight: v.weight, source: v.source })),
    };
  });
}

// Connected components of "similar enough" values: independent of order by construction.
function assignClusters(cands: Candidate[], threshold: number): void {
  const parent = cands.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : root(parent[i] ?? i));
  for (let i = 0; i < cands.length; i++) {
    for (let j = i + 1; j < cands.length && threshold < 1; j++) {
      const [a, b] = [cands[i], cands[j]];
      if (a?.comparable == null || b?.comparable == null) continue;
      if (textSimilarity(a.comparable, b.comparable) >= threshold - EPSILON) parent[root(j)] = root(i);
    }
  }
  const ids = new Map<number, number>();
  cands.forEach((c, i) => {
    const r = root(i);
    if (!ids.has(r)) ids.set(r, ids.size);
    c.cluster = ids.get(r) ?? 0;
  });
}

interface Cluster {
  support: number;
  members: Candidate[];
  representative: Candidate | undefined;
}

function clustersOf(cands: Candidate[]): Cluster[] {
  const byId = new Map<number, Candidate[]>();
  for (const c of cands) byId.set(c.cluster, [...(byId.get(c.cluster) ?? []), c]);
  const clusters = [...byId.values()].map((members) => {
    const ranked = [...members].sort((a, b) => b.support - a.support);
    const [top, second] = ranked;
    const tied = top !== undefined && second !== undefined && top.support - second.support <= EPSILON;
    const support = members.map((m) => m.support).reduce((a, b) => a + b, 0);
    return { support, members, representative: tied ? undefined : top };
  });
  return clusters.sort(
    (a, b) => b.support - a.support || (a.members[0]?.cluster ?? 0) - (b.members[0]?.cluster ?? 0),
  );
}

function statusOf(
  top: Cluster | undefined,
  runnerUp: number,
  clusters: number,
  n: number,
  o: Opts,
): FieldStatus {
  if (!top) return 'pending';
  const lead = top.support - runnerUp;
  const verified =
    top.representative !== undefined &&
    top.support >= o.agreeK - EPSILON &&
    lead > EPSILON &&
    lead >= o.margin - EPSILON;
  if (verified) return 'verified';
  if (n >= o.maxTranscriptions) return 'needs_review';
  return clusters > 1 ? 'disputed' : 'pending';
}

/** Consensus for one field path from its votes (and an optional OCR reading). */
export function consensusForField(
  votes: readonly Vote[],
  options: ConsensusOptions = {},
  ocr?: OcrReading,
): FieldResult {
  const o: Opts = { ...CONSENSUS_DEFAULTS, ...stripUndefined(options) };
  const canonical = canonicalVotes(votes);
  const candidates = buildCandidates(canonical, ocr, o);
  assignClusters(candidates, o.similarity);
  const clusters = clustersOf(candidates);
  const [top, second] = clusters;
  const runnerUp = second?.support ?? 0;
  const total = clusters.reduce((a, c) => a + c.support, 0);
  // On a tie no value is reported as leading: which one would depend on nothing but sort order.
  const tie = second !== undefined && top !== undefined && top.support - second.support <= EPSILON;
  const rep = tie ? undefined : top?.representative;
  return {
    status: statusOf(top, runnerUp, clusters.length, canonical.length, o),
    comparable: rep?.comparable ?? null,
    marker: rep?.marker ?? null,
    value: rep?.value,
    support: top?.support ?? 0,
    runnerUp,
    confidence: total > 0 ? (top?.support ?? 0) / total : 0,
    contributors: (top?.members ?? []).flatMap((m) => m.votes.map((v) => v.contributorId)).sort(),
    transcriptions: canonical.length,
    ambiguous: top !== undefined && top.representative === undefined,
    candidates,
  };
}

/** Drops keys whose value is undefined so they do not override defaults. */
export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface FieldNeed {
  path: string;
  /** Fewest further transcriptions that could verify it (each new vote assumed weight 1). */
  atLeast: number;
  /** Most further transcriptions allowed before it goes to review. */
  atMost: number;
}

export interface Needs {
  fields: FieldNeed[];
  /** Paths to ask in the next (partial) task. */
  paths: string[];
  /** How many transcriptions the task still needs now: in-flight leases must not exceed this. */
  more: number;
}

function needFor(path: string, r: FieldResult, o: Opts): FieldNeed | null {
  if (r.status === 'verified' || r.status === 'needs_review') return null;
  const atMost = o.maxTranscriptions - r.transcriptions;
  if (atMost <= 0) return null;
  const lead = r.support - r.runnerUp;
  const byK = Math.ceil(o.agreeK - r.support - EPSILON);
  const byMargin = Math.ceil(Math.max(o.margin, EPSILON) - lead - EPSILON);
  const atLeast = Math.max(1, byK, byMargin);
  return { path, atLeast: Math.min(atLeast, atMost), atMost };
}

/** Which field paths still need transcriptions, and how many, so only those are asked again. */
export function needsMoreFor(
  results: Readonly<Record<string, FieldResult>>,
  options: ConsensusOptions = {},
): Needs {
  const o: Opts = { ...CONSENSUS_DEFAULTS, ...stripUndefined(options) };
  const fields = Object.keys(results)
    .sort()
    .flatMap((path) => {
      const r = results[path];
      const need = r ? needFor(path, r, o) : null;
      return need ? [need] : [];
    });
  return { fields, paths: fields.map((f) => f.path), more: Math.max(0, ...fields.map((f) => f.atLeast)) };
}
