/**
 * Small in-process caches for the hot paths (lease and submit): bounded, time-limited, and kept per
 * database handle so that two apps in one process (tests) never see each other's rows.
 */

/** A bounded map whose entries expire `ttlMs` after they were set (least recently set goes first). */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches (e.g. all sessions of one user). */
  deleteWhere(match: (value: V, key: K) => boolean): void {
    for (const [key, entry] of this.entries) if (match(entry.value, key)) this.entries.delete(key);
  }

  /** The cached value, or `load()`'s (cached when defined). */
  async through(key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = await load();
    if (value !== undefined) this.set(key, value);
    return value;
  }
}

/** One cache per database handle (a WeakMap, so closed databases take their caches with them). */
export function cachePerHandle<K, V>(ttlMs: number, maxEntries: number): (handle: object) => TtlCache<K, V> {
  const caches = new WeakMap<object, TtlCache<K, V>>();
  return (handle) => {
    let cache = caches.get(handle);
    if (!cache) caches.set(handle, (cache = new TtlCache<K, V>(ttlMs, maxEntries)));
    return cache;
  };
}
