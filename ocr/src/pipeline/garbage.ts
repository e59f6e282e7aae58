/**
 * Garbage detection for text layers with broken font maps (ToUnicode). Such text decodes to
 * valid-looking characters in the wrong places, e.g. "[ÉÇÉÜtuÄx…" for "Honorable". No dictionary:
 * the checks are about character classes and letter patterns that real Spanish/English words,
 * numbers, amounts, dates and tax ids do not produce.
 */

const LETTER = /\p{L}/u;
const VOWEL = /[aeiouyáéíóúàèìòùâêîôûäëïöüãõ]/i;
// Letters a Spanish/English/Portuguese/French document uses; anything else in a word is suspicious.
const COMMON_LETTER = /[a-zñçáéíóúàèìòùâêîôûäëïöüãõ]/i;
const SUSPICIOUS_CHAR = /[\p{Cc}\p{Co}\p{Cn}\uFFFD\p{Sk}]/u;
const INNER_SYMBOL = /[{}<>|\\^~`…†‡•¤§¶µ]/u;
const NUMERIC = /^[(\-+$€£¥]*[\d.,:/\-%]+\)?$/u;
const ACCENTED = /[áéíóúàèìòùâêîôûäëïöüãõçñ]/i;

/** Whether one word looks like the output of a broken font map rather than real text. */
export function isGarbledWord(word: string): boolean {
  if (SUSPICIOUS_CHAR.test(word)) return true;
  const core = word.replace(/^[("'¿¡[|]+|[)"'.,;:!?…\]|]+$/gu, '');
  if (core === '' || NUMERIC.test(core)) return false;
  if (INNER_SYMBOL.test(core)) return true;
  const letters = [...core].filter((c) => LETTER.test(c));
  if (letters.length < 3) return false;
  if (letters.some((c) => !COMMON_LETTER.test(c))) return true;
  return hasImplausibleLetterPattern(core, letters);
}

function hasImplausibleLetterPattern(core: string, letters: string[]): boolean {
  const accented = letters.filter((c) => ACCENTED.test(c)).length;
  if (accented >= 2 && accented / letters.length > 0.3) return true;
  if (hasCaseFlips(core) && letters.some((c) => ACCENTED.test(c))) return true;
  if (letters.length < 5) return false;
  const vowels = letters.filter((c) => VOWEL.test(c)).length / letters.length;
  return vowels < 0.1 || vowels > 0.85;
}

/** Two or more lower→upper switches between adjacent letters ("VöÅtÜt"); camelCase names have fewer. */
function hasCaseFlips(core: string): boolean {
  const chars = [...core];
  let flips = 0;
  for (let i = 1; i < chars.length; i++) {
    const prev = chars[i - 1] ?? '';
    const cur = chars[i] ?? '';
    if (prev !== prev.toUpperCase() && cur !== cur.toLowerCase()) flips++;
  }
  return flips >= 2;
}

export interface GarbageReport {
  /** Non-space characters on the page. */
  chars: number;
  /** Fraction of those characters inside words judged garbled. */
  garbledRatio: number;
  garbled: boolean[];
}

/** Scores a page's words: per-word flags and the share of characters in garbled words. */
export function scoreGarbage(words: readonly string[]): GarbageReport {
  let chars = 0;
  let bad = 0;
  const garbled = words.map((word) => {
    const isBad = isGarbledWord(word);
    chars += word.length;
    if (isBad) bad += word.length;
    return isBad;
  });
  return { chars, garbledRatio: chars === 0 ? 0 : bad / chars, garbled };
}

/** Below this many characters a page that also carries a large image is treated as a scan (stamps, page numbers). */
export const MIN_TEXT_LAYER_CHARS = 40;
/** Above this share of garbled characters the whole text layer is distrusted and the page is OCRed. */
export const MAX_GARBLED_RATIO = 0.3;

/**
 * Whether a page's text layer should be used (true) or the page should go to OCR (false):
 * empty or mostly garbled layers go to OCR, and so does a short layer over a large image
 * (a scan with a stamped page number or an OCR-less annotation).
 */
export function textLayerUsable(report: GarbageReport, largeImage = false): boolean {
  if (report.chars === 0 || report.garbledRatio > MAX_GARBLED_RATIO) return false;
  return !(largeImage && report.chars < MIN_TEXT_LAYER_CHARS);
}
