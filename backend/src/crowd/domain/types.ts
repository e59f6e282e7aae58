// Shared value types of the crowd domain (no behaviour here).

/** A volunteer's statement about a field instead of a value. */
export type Marker = 'illegible' | 'not_present';
export const MARKERS: readonly Marker[] = ['illegible', 'not_present'];

/** Money is an exact decimal string plus an ISO 4217 code (null when neither field nor input says). */
export interface Money {
  amount: string;
  currency: string | null;
}

/** A normalised value as stored: null for a field left empty. */
export type NormalizedValue = string | boolean | Money | null;

/** What a client may send for one field. */
export type RawValue = string | number | boolean | null | undefined;

export type NormalizeErrorCode =
  | 'required'
  | 'invalid_number'
  | 'invalid_money'
  | 'invalid_date'
  | 'invalid_tax_id'
  | 'tax_id_check_digit'
  | 'invalid_boolean'
  | 'not_an_option'
  | 'pattern_mismatch'
  | 'below_min'
  | 'above_max'
  | 'before_min_date'
  | 'after_max_date'
  | 'invalid_value';

export interface NormalizedOk {
  ok: true;
  raw: string;
  normalized: NormalizedValue;
  /** The string votes are compared on (folded text, canonical decimal, ISO date, digits…). */
  comparable: string;
}

export interface NormalizeError {
  ok: false;
  code: NormalizeErrorCode;
  message: string;
}

export type NormalizeResult = NormalizedOk | NormalizeError;
