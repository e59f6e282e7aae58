/** Formatting helpers. Amounts are always integer cents (never floats). */

function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** 123456 → "1.234,56" */
export function moneyEs(cents: number): string {
  const int = Math.floor(cents / 100).toString();
  const dec = (cents % 100).toString().padStart(2, '0');
  return `${groupThousands(int, '.')},${dec}`;
}

/** 123456 → "1,234.56" */
export function moneyEn(cents: number): string {
  const int = Math.floor(cents / 100).toString();
  const dec = (cents % 100).toString().padStart(2, '0');
  return `${groupThousands(int, ',')}.${dec}`;
}

/** 123456 → "1234.56" */
export function decimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${(cents % 100).toString().padStart(2, '0')}`;
}

/** A calendar date without time zone trouble. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function iso(date: Ymd): string {
  return `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

export function ddmmyyyy(date: Ymd): string {
  return `${String(date.d).padStart(2, '0')}/${String(date.m).padStart(2, '0')}/${date.y}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Days since epoch (UTC) ↔ Ymd, to pick dates inside a period. */
export function toDayNumber(date: Ymd): number {
  return Math.round(Date.UTC(date.y, date.m - 1, date.d) / 86400000);
}

export function fromDayNumber(n: number): Ymd {
  const dt = new Date(n * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
