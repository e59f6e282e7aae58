// Dates as volunteers type them, to ISO yyyy-mm-dd. Pure: two-digit years use a fixed pivot
// rather than today's date so the same input always gives the same result.
import { foldText } from './text.js';

const MONTHS: Record<string, number> = {
  enero: 1, ene: 1, january: 1, jan: 1,
  febrero: 2, feb: 2, february: 2,
  marzo: 3, mar: 3, march: 3,
  abril: 4, abr: 4, april: 4, apr: 4,
  mayo: 5, may: 5,
  junio: 6, jun: 6, june: 6,
  julio: 7, jul: 7, july: 7,
  agosto: 8, ago: 8, august: 8, aug: 8,
  septiembre: 9, setiembre: 9, sept: 9, sep: 9, set: 9, september: 9,
  octubre: 10, oct: 10, october: 10,
  noviembre: 11, nov: 11, november: 11,
  diciembre: 12, dic: 12, december: 12, dec: 12,
}; // prettier-ignore

/** Two-digit years below this are 20yy, the rest 19yy. */
export const TWO_DIGIT_YEAR_PIVOT = 50;

/** Whether y-m-d is a real calendar date. */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/** ISO yyyy-mm-dd from parts. */
export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fullYear(y: string): number {
  const n = parseInt(y, 10);
  if (y.length === 2) return n < TWO_DIGIT_YEAR_PIVOT ? 2000 + n : 1900 + n;
  return y.length === 4 ? n : NaN;
}

function checked(y: number, m: number, d: number): string | null {
  return isValidDate(y, m, d) ? isoDate(y, m, d) : null;
}

// Day-first everywhere except en-US; a date impossible day-first but valid month-first
// (03/15/2012) is unambiguous, so it is accepted.
function numericDate(a: string, b: string, y: string, locale: string): string | null {
  const year = fullYear(y);
  const [p, q] = [parseInt(a, 10), parseInt(b, 10)];
  const monthFirst = /^en-US$/i.test(locale);
  const [d, m] = monthFirst ? [q, p] : [p, q];
  return checked(year, m, d) ?? (d <= 12 ? checked(year, d, m) : null);
}

function wordDate(folded: string): string | null {
  const tokens = folded
    .replace(/(\d)(st|nd|rd|th|ro|do|er|o)\b/g, '$1')
    .split(' ')
    .filter((t) => t !== 'de' && t !== 'del' && t !== 'of' && t !== 'the');
  const month = tokens.findIndex((t) => MONTHS[t] !== undefined);
  const m = MONTHS[tokens[month] ?? ''];
  const nums = tokens.filter((t) => /^\d+$/.test(t));
  if (m === undefined || tokens.length !== 3 || nums.length !== 2) return null;
  const [first = '', second = ''] = nums;
  const [d, y] = first.length <= 2 && second.length === 4 ? [first, second] : [second, first];
  return y.length === 4 && d.length <= 2 ? checked(fullYear(y), m, parseInt(d, 10)) : null;
}

/** Parses a typed date into ISO yyyy-mm-dd, or null when it is not a date. */
export function parseDate(raw: string, locale: string): string | null {
  const s = raw.trim().replace(/[º°ª]/g, '');
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (iso) return checked(fullYear(iso[1] ?? ''), parseInt(iso[2] ?? '', 10), parseInt(iso[3] ?? '', 10));
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (dmy) return numericDate(dmy[1] ?? '', dmy[2] ?? '', dmy[3] ?? '', locale);
  const compact = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (compact) return numericDate(compact[1] ?? '', compact[2] ?? '', compact[3] ?? '', locale);
  return wordDate(foldText(s));
}

/** Adds whole days to an ISO date (UTC calendar arithmetic, no time zones involved). */
export function addDays(iso: string, days: number): string {
  const [y = 0, m = 1, d = 1] = iso.split('-').map((p) => parseInt(p, 10));
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
