// Parsing of numbers and money as volunteers type them ("$ 1.234,56", "(1,234.56)", "US$ 12").
// Results are canonical decimal strings; Number() is never used, so no value passes through a float.
import { canonicalDecimal, separatorsFor, toFixedDecimal } from './decimal.js';

export type NumberParse = { ok: true; value: string; currency?: string } | { ok: false; reason: string };

// Longest first so "US$" wins over "$".
const CURRENCY_TOKENS: [RegExp, string | null][] = [
  [/US\$|U\$S|USD/i, 'USD'],
  [/AR\$|ARS/i, 'ARS'],
  [/GH₵|GHS|GH¢|₵/i, 'GHS'],
  [/€|EUR/i, 'EUR'],
  [/\$/, null],
];

/** Removes a currency symbol or code; `currency` is null for a bare "$" (its meaning is the field's). */
export function stripCurrency(raw: string): { rest: string; currency?: string | null } {
  for (const [re, code] of CURRENCY_TOKENS) {
    if (re.test(raw)) return { rest: raw.replace(re, ' '), currency: code };
  }
  return { rest: raw };
}

function stripSign(s: string): { body: string; negative: boolean } | null {
  let body = s.replace(/[\s\u00a0\u202f']/g, '').replace(/\u2212/g, '-');
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    body = body.slice(1, -1);
    negative = true;
  }
  if (/^-/.test(body) || /-$/.test(body)) {
    if (negative) return null;
    body = body.replace(/^-|-$/, '');
    negative = true;
  }
  if (/^\+/.test(body)) body = body.slice(1);
  return { body, negative };
}

function validGroups(int: string, sep: string): boolean {
  const groups = int.split(sep);
  const [first = '', ...rest] = groups;
  return /^[1-9]\d{0,2}$/.test(first) && rest.length > 0 && rest.every((g) => /^\d{3}$/.test(g));
}

// Decides which separator is decimal: with both present, the last one; with one kind present,
// repeated means grouping, and a single one is grouping only when the locale says so AND it is
// followed by exactly three digits (otherwise "12,5" typed in an "en" project is still 12.5).
function splitSeparators(body: string, locale: string): { int: string; frac: string } | null {
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return null;
  const hasDot = body.includes('.');
  const hasComma = body.includes(',');
  if (hasDot && hasComma) {
    const dec = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const group = dec === '.' ? ',' : '.';
    const [int = '', frac = '', extra] = body.split(dec);
    if (extra !== undefined || frac.includes(group) || !validGroups(int, group)) return null;
    return { int: int.split(group).join(''), frac };
  }
  if (!hasDot && !hasComma) return { int: body, frac: '' };
  const sep = hasDot ? '.' : ',';
  const parts = body.split(sep);
  if (parts.length > 2) return validGroups(body, sep) ? { int: parts.join(''), frac: '' } : null;
  const [int = '', frac = ''] = parts;
  const groupingHere = separatorsFor(locale).group === sep && validGroups(body, sep);
  if (groupingHere) return { int: int + frac, frac: '' };
  return { int, frac };
}

/** Parses a plain number in a project locale into a canonical decimal string. */
export function parseDecimal(raw: string, locale: string): NumberParse {
  const signed = stripSign(raw.trim());
  if (!signed || signed.body === '') return { ok: false, reason: 'not a number' };
  const parts = splitSeparators(signed.body, locale);
  if (!parts) return { ok: false, reason: 'unrecognised digits or separators' };
  const text = `${signed.negative ? '-' : ''}${parts.int || '0'}${parts.frac ? '.' + parts.frac : ''}`;
  return { ok: true, value: canonicalDecimal(text) };
}

/** Parses money: currency symbol or code anywhere, amount as `parseDecimal`; at least 2 decimals. */
export function parseMoney(raw: string, locale: string, defaultCurrency?: string): NumberParse {
  const { rest, currency } = stripCurrency(raw);
  if (/[a-z]/i.test(rest)) return { ok: false, reason: 'unexpected letters' };
  const parsed = parseDecimal(rest, locale);
  if (!parsed.ok) return parsed;
  const code = currency ?? defaultCurrency;
  const value = toFixedDecimal(parsed.value, 2);
  return code ? { ok: true, value, currency: code } : { ok: true, value };
}
