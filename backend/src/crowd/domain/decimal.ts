// Exact decimal arithmetic on canonical decimal strings ("-1234.5"). Money is never a float:
// amounts are scaled to BigInt so sums of line items never drift by a cent.

const CANONICAL = /^-?\d+(\.\d+)?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

/** Whether `s` is a plain decimal string (optional minus, digits, optional point and digits). */
export function isDecimalString(s: string): boolean {
  return CANONICAL.test(s);
}

function toScaled(s: string): Scaled {
  if (!CANONICAL.test(s)) throw new Error(`not a decimal string: ${s}`);
  const negative = s.startsWith('-');
  const [int = '0', frac = ''] = (negative ? s.slice(1) : s).split('.');
  const units = BigInt(int + frac);
  return { units: negative ? -units : units, scale: frac.length };
}

function rescale(v: Scaled, scale: number): bigint {
  return v.units * 10n ** BigInt(scale - v.scale);
}

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Canonical form: no leading zeros, no trailing fractional zeros, no "-0". */
export function canonicalDecimal(s: string): string {
  const v = toScaled(s);
  return fromScaled(v.units, v.scale);
}

/** Exact sum of decimal strings. */
export function sumDecimals(values: readonly string[]): string {
  const scaled = values.map(toScaled);
  const scale = Math.max(0, ...scaled.map((v) => v.scale));
  return fromScaled(
    scaled.reduce((acc, v) => acc + rescale(v, scale), 0n),
    scale,
  );
}

/** Exact `a + b`. */
export function addDecimals(a: string, b: string): string {
  return sumDecimals([a, b]);
}

/** Exact `a - b`. */
export function subtractDecimals(a: string, b: string): string {
  return sumDecimals([a, negateDecimal(b)]);
}

/** Exact `-a`. */
export function negateDecimal(a: string): string {
  const v = toScaled(a);
  return fromScaled(-v.units, v.scale);
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Absolute value. */
export function absDecimal(a: string): string {
  return a.startsWith('-') ? a.slice(1) : a;
}

/** Fixed number of fractional digits (pads; never rounds: throws when digits would be lost). */
export function toFixedDecimal(a: string, digits: number): string {
  const canon = canonicalDecimal(a);
  const frac = canon.split('.')[1] ?? '';
  if (frac.length > digits) return canon;
  return frac.length === 0 && digits > 0
    ? `${canon}.${'0'.repeat(digits)}`
    : canon + '0'.repeat(digits - frac.length);
}

/** Formats a canonical decimal for display in a locale ("1.234,5" in es-AR, "1,234.5" in en). */
export function formatDecimal(a: string, locale: string, grouping = true): string {
  const { decimal, group } = separatorsFor(locale);
  const negative = a.startsWith('-');
  const [int = '0', frac] = absDecimal(a).split('.');
  const grouped = grouping ? int.replace(/\B(?=(\d{3})+(?!\d))/g, group) : int;
  return `${negative ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

/** Decimal and grouping separators of a project locale; Spanish-family locales use a comma. */
export function separatorsFor(locale: string): { decimal: ',' | '.'; group: ',' | '.' } {
  const comma = /^(es|pt|fr|de|it|nl)\b/i.test(locale);
  return comma ? { decimal: ',', group: '.' } : { decimal: '.', group: ',' };
}
