import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { charErrorRate, editDistance, wordErrorRate } from './metrics.js';

describe('error rates', () => {
  it('counts substitutions, insertions and deletions over the reference', () => {
    expect(wordErrorRate('Total  1.234,56\nGarcía', 'Total 1.234,56 García')).toBe(0);
    expect(wordErrorRate('a b c d', 'a x c')).toBe(0.5);
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'extra')).toBe(1);
    expect(charErrorRate('Cámara', 'Camara')).toBeCloseTo(1 / 6);
  });

  it('edit distance is a metric: symmetric, zero on equal, bounded by the longer length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c')),
        fc.array(fc.constantFrom('a', 'b', 'c')),
        (a, b) => {
          const d = editDistance(a, b);
          return d === editDistance(b, a) && editDistance(a, a) === 0 && d <= Math.max(a.length, b.length);
        },
      ),
    );
  });
});
