// Folding for comparison only: what volunteers see and what is published keeps its case and accents.

/** Tidy display form: NFC, single spaces, trimmed (case and accents kept). */
export function tidyText(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Comparison form: lower case, no accents, punctuation and symbols as spaces, single spaces. */
export function foldText(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

// Phrases of legal forms, on folded text, longest first so "s a u" is not read as "sa" + "u".
const LEGAL_FORMS: [RegExp, string][] = [
  [/\bsociedad anonima unipersonal\b/g, 'sau'],
  [/\bsociedad anonima\b/g, 'sa'],
  [/\bsociedad de responsabilidad limitada\b/g, 'srl'],
  [/\bsociedad por acciones simplificada\b/g, 'sas'],
  [/\bsociedad del estado\b/g, 'se'],
  [/\bunion transitoria de empresas\b/g, 'ute'],
  [/\bsociedad en comandita por acciones\b/g, 'sca'],
  [/\bcompany\b/g, 'co'],
  [/\blimited\b/g, 'ltd'],
  [/\bincorporated\b/g, 'inc'],
  [/\bcorporation\b/g, 'corp'],
];

// "s a" (from "S.A.") and "s r l" become "sa" and "srl": a run of single letters is one abbreviation.
function joinInitials(folded: string): string {
  return folded.replace(/\b(?:[a-z] )+[a-z]\b/g, (run) => run.replace(/ /g, ''));
}

/** Comparison form of an entity name: folded text with legal forms canonicalised (S.A. = SA). */
export function foldEntity(raw: string): string {
  let s = joinInitials(foldText(raw));
  for (const [re, canon] of LEGAL_FORMS) s = s.replace(re, canon);
  return s.replace(/\s+/g, ' ').trim();
}

/** Levenshtein edit distance (two-row dynamic programming). */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[y.length] ?? 0;
}

/** Normalised similarity in [0, 1]: 1 − distance / longer length (1 for two empty strings). */
export function similarity(a: string, b: string): number {
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}
