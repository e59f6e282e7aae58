import { describe, expect, it } from '@jest/globals';
import { foldName, likelyDuplicates, nameSimilarity } from './duplicates';

describe('likely duplicate entity names', () => {
  it('folds accents, case, punctuation and legal suffixes', () => {
    expect(foldName('Librería Sur S.A.')).toBe('libreria sur');
    expect(foldName('LIBRERIA SUR SA')).toBe('libreria sur');
  });

  it('pairs spellings of one supplier and not different ones', () => {
    expect(nameSimilarity('Librería Sur S.A.', 'LIBRERIA SUR SA')).toBe(1);
    expect(nameSimilarity('Librería Sur', 'Imprenta Norte')).toBeLessThan(0.3);
    const list = [
      { id: '1', kind: 'supplier', name: 'Librería Sur S.A.' },
      { id: '2', kind: 'supplier', name: 'Libreria del Sur' },
      { id: '3', kind: 'supplier', name: 'Imprenta Norte' },
      { id: '4', kind: 'official', name: 'Librería Sur' },
    ];
    const pairs = likelyDuplicates(list);
    expect(pairs.map((p) => [p.a.id, p.b.id])).toEqual([['1', '2']]);
  });
});
