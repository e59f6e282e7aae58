/** Splits text into words after collapsing whitespace (case and punctuation are kept: they matter in data). */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\s+/u)
    .filter((w) => w !== '');
}

/** Levenshtein distance between two sequences, O(n·m) time and O(m) memory. */
export function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** Word error rate: word edit distance over the reference's word count (whitespace-normalised). */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = tokenize(reference);
  const hyp = tokenize(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return editDistance(ref, hyp) / ref.length;
}

/** Character error rate: character edit distance over the reference length, whitespace collapsed to one space. */
export function charErrorRate(reference: string, hypothesis: string): number {
  const ref = [...tokenize(reference).join(' ')];
  const hyp = [...tokenize(hypothesis).join(' ')];
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return editDistance(ref, hyp) / ref.length;
}
