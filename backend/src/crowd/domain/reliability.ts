// Volunteer reliability as smoothed agreement: a Beta prior keeps a newcomer at weight 1 and makes
// a few early mistakes cost little, while a long record moves the weight within fixed bounds.
import type { FieldResult } from './consensus.js';

export interface ReliabilityState {
  /** Agreement mass (fractional: near misses count half, gold outcomes count more). */
  agree: number;
  total: number;
}

export interface ReliabilityOptions {
  alpha: number;
  beta: number;
  minWeight: number;
  maxWeight: number;
  /** How much one gold-task outcome counts relative to a crowd-verified one. */
  goldWeight: number;
}

export const RELIABILITY_DEFAULTS: ReliabilityOptions = {
  alpha: 4,
  beta: 1,
  minWeight: 0.5,
  maxWeight: 1.5,
  goldWeight: 2,
};

export interface Outcome {
  /** 1 agreed, 0 disagreed, in between for a near miss. */
  agreement: number;
  gold?: boolean;
}

/** A volunteer with no history. */
export const NEW_VOLUNTEER: ReliabilityState = { agree: 0, total: 0 };

/** Smoothed agreement rate (agree + α) / (total + α + β). */
export function reliabilityScore(s: ReliabilityState, o: ReliabilityOptions = RELIABILITY_DEFAULTS): number {
  return (s.agree + o.alpha) / (s.total + o.alpha + o.beta);
}

/** Incremental update with new outcomes (no need to replay history). */
export function updateReliability(
  s: ReliabilityState,
  outcomes: readonly Outcome[],
  o: ReliabilityOptions = RELIABILITY_DEFAULTS,
): ReliabilityState {
  return outcomes.reduce((acc, out) => {
    const w = out.gold ? o.goldWeight : 1;
    const a = Math.min(1, Math.max(0, out.agreement));
    return { agree: acc.agree + w * a, total: acc.total + w };
  }, s);
}

/** Vote weight: the prior mean maps to 1, perfect to maxWeight, zero agreement to minWeight. */
export function weightFor(s: ReliabilityState, o: ReliabilityOptions = RELIABILITY_DEFAULTS): number {
  const prior = o.alpha / (o.alpha + o.beta);
  const r = reliabilityScore(s, o);
  const w =
    r >= prior
      ? 1 + ((r - prior) / (1 - prior)) * (o.maxWeight - 1)
      : 1 - ((prior - r) / prior) * (1 - o.minWeight);
  return Math.min(o.maxWeight, Math.max(o.minWeight, w));
}

/**
 * Outcome for one contributor on a verified field: 1 for the winning value, 0.5 for a reading in
 * the winning similarity cluster (a near miss), 0 otherwise; null when the field is not verified
 * or they did not vote.
 */
export function outcomeFor(result: FieldResult, contributorId: string): Outcome | null {
  if (result.status !== 'verified') return null;
  const mine = result.candidates.find((c) => c.votes.some((v) => v.contributorId === contributorId));
  if (!mine) return null;
  if (mine.comparable === result.comparable && mine.marker === result.marker) return { agreement: 1 };
  const winner = result.candidates.find(
    (c) => c.comparable === result.comparable && c.marker === result.marker,
  );
  return { agreement: winner && winner.cluster === mine.cluster ? 0.5 : 0 };
}

/** Outcome on a gold task: the volunteer's comparable against the editor's known value. */
export function goldOutcome(expected: string, actual: string | null): Outcome {
  return { agreement: expected === actual ? 1 : 0, gold: true };
}
