// Likely duplicate names among canonical entities: folded names compared by trigram overlap, so
// "Librería Sur S.A." and "LIBRERIA SUR SA" pair up while "Librería Norte" does not.

const LEGAL_SUFFIXES =
  /\b(s\.?\s?a\.?|s\.?\s?r\.?\s?l\.?|s\.?\s?a\.?\s?s\.?|sociedad anonima|inc|ltd|llc)\b\.?/g;

/** Lower case, no accents, no punctuation, no legal-form suffix, single spaces. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(LEGAL_SUFFIXES, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Jaccard similarity of the folded names' trigrams, 0–1. */
export function nameSimilarity(a: string, b: string): number {
  const x = trigrams(foldName(a));
  const y = trigrams(foldName(b));
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  const union = x.size + y.size - shared;
  return union ? shared / union : 0;
}

export interface DuplicatePair<T> {
  a: T;
  b: T;
  score: number;
}

/** Pairs of the same kind at or above `threshold`, most similar first (at most `limit`). */
export function likelyDuplicates<T extends { id: string; kind: string; name: string }>(
  list: readonly T[],
  threshold = 0.5,
  limit = 20,
): DuplicatePair<T>[] {
  const pairs: DuplicatePair<T>[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.kind !== b.kind) continue;
      const score = nameSimilarity(a.name, b.name);
      if (score >= threshold) pairs.push({ a, b, score });
    }
  }
  return pairs.sort((x, y) => y.score - x.score).slice(0, limit);
}
