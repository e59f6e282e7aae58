import { describe, expect, it } from '@jest/globals';
import { cachePerHandle, TtlCache } from './memo.js';

describe('TtlCache', () => {
  it('expires entries after their time and evicts the oldest beyond its size', () => {
    let now = 0;
    const cache = new TtlCache<string, number>(100, 2, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    now = 100;
    expect(cache.get('b')).toBeUndefined();
  });

  it('loads through once, does not cache misses, and forgets by predicate', async () => {
    const cache = new TtlCache<string, { user: string }>(1000, 10);
    let loads = 0;
    const load = () => {
      loads++;
      return Promise.resolve({ user: 'u1' });
    };
    await cache.through('k', load);
    await cache.through('k', load);
    expect(loads).toBe(1);
    expect(await cache.through('missing', () => Promise.resolve(undefined))).toBeUndefined();
    expect(await cache.through('missing', () => Promise.resolve({ user: 'u2' }))).toEqual({ user: 'u2' });
    cache.deleteWhere((v) => v.user === 'u1');
    expect(cache.get('k')).toBeUndefined();
  });

  it('keeps one cache per database handle', () => {
    const of = cachePerHandle<string, number>(1000, 10);
    const a = {};
    const b = {};
    of(a).set('x', 1);
    expect(of(a).get('x')).toBe(1);
    expect(of(b).get('x')).toBeUndefined();
  });
});
