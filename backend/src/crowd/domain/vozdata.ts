// VozData's (Crowdata's) rule, kept only as the simulator's baseline: a record counts when
// `agree` transcriptions are identical on EVERY field. One differing field in each entry stalls
// the document forever, which is what per-field consensus avoids.

export interface WholeRecordTranscription {
  contributorId: string;
  /** Comparable value per field path (markers encoded by the caller, e.g. "!illegible"). */
  values: Readonly<Record<string, string>>;
}

export type VozdataResult =
  | { status: 'verified'; values: Record<string, string>; contributors: string[] }
  | { status: 'pending'; transcriptions: number };

function signature(values: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.keys(values)
      .sort()
      .map((k) => [k, values[k]]),
  );
}

/** Whole-record equality: verified once `agree` (default 3) transcriptions match on every field. */
export function vozdataRecord(transcriptions: readonly WholeRecordTranscription[], agree = 3): VozdataResult {
  const groups = new Map<string, WholeRecordTranscription[]>();
  for (const t of transcriptions)
    groups.set(signature(t.values), [...(groups.get(signature(t.values)) ?? []), t]);
  // VozData took the first group to reach the count; with simultaneous groups we require a unique
  // largest one, so the baseline is not flattered by an order-dependent pick.
  const ranked = [...groups.values()].filter((g) => g.length >= agree).sort((a, b) => b.length - a.length);
  const [best, next] = ranked;
  if (!best || (next && next.length === best.length))
    return { status: 'pending', transcriptions: transcriptions.length };
  const first = best[0];
  return {
    status: 'verified',
    values: { ...(first?.values ?? {}) },
    contributors: best.map((t) => t.contributorId).sort(),
  };
}
