/**
 * Argentine CUIT/CUIL: 11 digits XX-XXXXXXXX-X. The last digit is a check digit over the
 * first ten with weights 5,4,3,2,7,6,5,4,3,2: check = 11 - (sum mod 11); 11 → 0; 10 → no
 * valid check digit exists for that prefix+number (AFIP assigns another number).
 */
const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Check digit for the first ten digits, or null if the ten digits admit none (or are not ten digits). */
export function cuitCheckDigit(first10: string): number | null {
  if (!/^\d{10}$/.test(first10)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * (WEIGHTS[i] as number);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Digits only, if the input is a CUIT written as 11 digits, with or without the usual hyphens/spaces/dots. */
export function normalizeCuit(s: string): string | null {
  const trimmed = s.trim();
  if (!/^\d{2}[-\s.]?\d{8}[-\s.]?\d$/.test(trimmed)) return null;
  return trimmed.replace(/\D/g, '');
}

/** True if `s` is 11 digits (hyphens optional, as in 30-71234567-8) with a correct check digit. */
export function isValidCuit(s: string): boolean {
  const digits = normalizeCuit(s);
  if (digits === null) return false;
  const check = cuitCheckDigit(digits.slice(0, 10));
  return check !== null && check === Number(digits[10]);
}

/** 30712345678 → 30-71234567-8 */
export function formatCuit(digits: string): string {
  return `${digits.slice(0, 2)}-${digits.slice(2, 10)}-${digits.slice(10)}`;
}
