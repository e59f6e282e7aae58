// Tax ids are compared as digits only; Argentine CUIT/CUIL carry a mod-11 check digit that
// catches most single-digit typos and transpositions before they reach consensus.

const CUIT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

export type TaxIdParse =
  { ok: true; digits: string } | { ok: false; code: 'invalid_tax_id' | 'tax_id_check_digit' };

/** The CUIT/CUIL check digit for the first 10 digits, or null when the rule yields 10 (no valid id). */
export function cuitCheckDigit(first10: string): number | null {
  const sum = CUIT_WEIGHTS.reduce((acc, w, i) => acc + w * parseInt(first10.charAt(i), 10), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/** Whether 11 digits form a valid CUIT/CUIL. */
export function isValidCuit(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  return cuitCheckDigit(digits.slice(0, 10)) === parseInt(digits.charAt(10), 10);
}

/** Formats 11 CUIT digits as "20-12345678-6" for display. */
export function formatCuit(digits: string): string {
  return `${digits.slice(0, 2)}-${digits.slice(2, 10)}-${digits.slice(10)}`;
}

/** Digits-only tax id, check digit validated for countries that define one (AR). */
export function parseTaxId(raw: string, country?: string): TaxIdParse {
  // Separators volunteers type ("20-12345678-6", "20.123.456.786", "20 12345678 6") are dropped;
  // anything else (letters) makes it invalid rather than silently ignored.
  if (!/^[\d\s.\-/]+$/.test(raw.trim())) return { ok: false, code: 'invalid_tax_id' };
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, code: 'invalid_tax_id' };
  if (country === 'AR') {
    if (digits.length !== 11) return { ok: false, code: 'invalid_tax_id' };
    if (!isValidCuit(digits)) return { ok: false, code: 'tax_id_check_digit' };
  }
  return { ok: true, digits };
}
