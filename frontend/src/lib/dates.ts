// Dates typed as dd/mm/yyyy (or picked), to ISO yyyy-mm-dd.

/** Whether y-m-d is a real calendar date. */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= ([31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO date from dd/mm/yyyy, d-m-yy, dd.mm.yyyy or an ISO date; null when not a real date. */
export function parseDayFirstDate(raw: string): string | null {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return build(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (!dmy) return null;
  let year = Number(dmy[3]);
  if (dmy[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  return build(year, Number(dmy[2]), Number(dmy[1]));
}

function build(y: number, m: number, d: number): string | null {
  return isValidDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

/** yyyy-mm-dd → dd/mm/yyyy. */
export function isoToDayFirst(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
