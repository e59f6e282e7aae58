import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { consensusForField, type Vote } from './consensus.js';
import {
  goldOutcome,
  NEW_VOLUNTEER,
  outcomeFor,
  RELIABILITY_DEFAULTS,
  reliabilityScore,
  updateReliability,
  weightFor,
} from './reliability.js';

describe('reliability', () => {
  it('starts a new volunteer at weight 1 and the prior mean', () => {
    expect(weightFor(NEW_VOLUNTEER)).toBeCloseTo(1);
    expect(reliabilityScore(NEW_VOLUNTEER)).toBeCloseTo(0.8);
  });

  it('moves with agreement, gold counting more, within bounds', () => {
    const good = updateReliability(
      NEW_VOLUNTEER,
      Array.from({ length: 50 }, () => ({ agreement: 1 })),
    );
    const bad = updateReliability(
      NEW_VOLUNTEER,
      Array.from({ length: 50 }, () => ({ agreement: 0 })),
    );
    expect(weightFor(good)).toBeGreaterThan(1.4);
    expect(weightFor(bad)).toBeGreaterThanOrEqual(0.5);
    expect(weightFor(bad)).toBeLessThan(0.6);
    expect(updateReliability(NEW_VOLUNTEER, [goldOutcome('1', '2')])).toEqual({ agree: 0, total: 2 });
  });

  it('is incremental: updating in two steps equals one step', () => {
    const a = [{ agreement: 1 }, { agreement: 0 }];
    const b = [{ agreement: 0.5, gold: true }];
    expect(updateReliability(updateReliability(NEW_VOLUNTEER, a), b)).toEqual(
      updateReliability(NEW_VOLUNTEER, [...a, ...b]),
    );
  });

  it('property: weight is bounded and monotone in agreement', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (agree, extra) => {
        const s = { agree, total: agree + extra };
        const w = weightFor(s);
        expect(w).toBeGreaterThanOrEqual(RELIABILITY_DEFAULTS.minWeight);
        expect(w).toBeLessThanOrEqual(RELIABILITY_DEFAULTS.maxWeight);
        expect(weightFor(updateReliability(s, [{ agreement: 1 }]))).toBeGreaterThanOrEqual(w - 1e-12);
      }),
    );
  });

  it('derives outcomes from a verified field', () => {
    const v = (c: string, comparable: string): Vote => ({
      contributorId: c,
      comparable,
      weight: 1,
      source: 'typed',
    });
    const r = consensusForField(
      [v('a', 'juan perez'), v('b', 'juan perez'), v('c', 'juan peres'), v('d', 'otro')],
      {
        similarity: 0.85,
      },
    );
    expect(outcomeFor(r, 'a')).toEqual({ agreement: 1 });
    expect(outcomeFor(r, 'c')).toEqual({ agreement: 0.5 });
    expect(outcomeFor(r, 'd')).toEqual({ agreement: 0 });
    expect(outcomeFor(r, 'nobody')).toBeNull();
  });
});
