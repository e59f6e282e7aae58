// Reading numbers the way the document's locale writes them ("1.234,56" in es-AR, "1,234.56" in
// en). Results are canonical decimal strings, never floats, like the server's parser.

/** Decimal separator for a locale: comma for Spanish, dot otherwise. */
export function decimalSeparator(locale: string): ',' | '.' {
  return /^es/i.test(locale) ? ',' : '.';
}

const CURRENCY = /US\$|U\$S|USD|AR\$|ARS|EUR|€|\$/i;

/** Canonical decimal ("-1234.5") from what was typed, or null when it is not a number. */
export function parseDecimal(raw: string, locale: string): string | null {
  let s = raw
    .replace(CURRENCY, '')
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(/\u2212/g, '-');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    s = s.slice(1, -1);
    negative = true;
  }
  if (s.startsWith('-')) {
    s = s.slice(1);
    negative = true;
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dec = pickDecimal(s, locale);
  if (dec === undefined) return null;
  const [intPart = '', frac = ''] = dec === null ? [s] : s.split(dec);
  const group = dec === null ? (s.includes('.') ? '.' : ',') : dec === ',' ? '.' : ',';
  const int = intPart.split(group).join('');
  if (!/^\d*$/.test(int) || !/^\d*$/.test(frac) || (int === '' && frac === '')) return null;
  const cleanInt = int.replace(/^0+(?=\d)/, '') || '0';
  const body = frac ? `${cleanInt}.${frac}` : cleanInt;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

// The decimal separator actually used: null for none, undefined when the text is not a number.
function pickDecimal(s: string, locale: string): ',' | '.' | null | undefined {
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (dots && commas) {
    const dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    return (dec === '.' ? dots : commas) === 1 ? dec : undefined;
  }
  if (!dots && !commas) return null;
  const sep = dots ? '.' : ',';
  if ((dots || commas) > 1) return groupsValid(s, sep) ? null : undefined;
  // One separator: grouping only when the locale groups with it and three digits follow.
  const grouping = decimalSeparator(locale) !== sep && /^\d{1,3}[.,]\d{3}$/.test(s);
  return grouping ? null : sep;
}

function groupsValid(s: string, sep: string): boolean {
  const [first = '', ...rest] = s.split(sep);
  return /^\d{1,3}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g));
}

/** Shows a canonical decimal in a locale ("1234.5" → "1.234,50" for es-AR money). */
export function formatDecimal(canonical: string, locale: string, minFraction = 0): string {
  const negative = canonical.startsWith('-');
  const [int = '0', frac = ''] = canonical.replace('-', '').split('.');
  const dec = decimalSeparator(locale);
  const group = dec === ',' ? '.' : ',';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fraction = frac.padEnd(minFraction, '0');
  return `${negative ? '-' : ''}${grouped}${fraction ? dec + fraction : ''}`;
}

/** Compares canonical decimals without floats: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const sign = (x: string) => (x.startsWith('-') ? -1 : 1);
  if (sign(a) !== sign(b)) return sign(a) < sign(b) ? -1 : 1;
  const [ai = '', af = ''] = a.replace('-', '').split('.');
  const [bi = '', bf = ''] = b.replace('-', '').split('.');
  const width = Math.max(af.length, bf.length);
  const an = BigInt(ai + af.padEnd(width, '0'));
  const bn = BigInt(bi + bf.padEnd(width, '0'));
  const cmp = an === bn ? 0 : an < bn ? -1 : 1;
  return cmp * sign(a);
}
