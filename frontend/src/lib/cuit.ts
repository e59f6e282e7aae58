// Argentine CUIT/CUIL check digit, for instant feedback while typing (the server checks again).
const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export type CuitStatus = 'empty' | 'incomplete' | 'valid' | 'bad_check_digit' | 'malformed';

/** Check digit for the first ten digits, or null when that prefix admits none. */
export function cuitCheckDigit(first10: string): number | null {
  if (!/^\d{10}$/.test(first10)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Classifies what a volunteer has typed so far (hyphens, spaces and dots allowed). */
export function cuitStatus(raw: string): CuitStatus {
  const trimmed = raw.trim();
  if (trimmed === '') return 'empty';
  if (/[^\d\s.-]/.test(trimmed)) return 'malformed';
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 11) return 'incomplete';
  if (digits.length > 11) return 'malformed';
  const check = cuitCheckDigit(digits.slice(0, 10));
  return check !== null && check === Number(digits[10]) ? 'valid' : 'bad_check_digit';
}

/** 30712345678 → 30-71234567-8 (input with any separators). */
export function formatCuit(raw: string): string {
  const d = raw.replace(/\D/g, '');
  if (d.length !== 11) return raw.trim();
  return `${d.slice(0, 2)}-${d.slice(2, 10)}-${d.slice(10)}`;
}
