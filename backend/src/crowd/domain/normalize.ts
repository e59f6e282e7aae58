// Per-type parsing and normalisation of one raw volunteer value. Pure: the caller stores both the
// raw and the normalised value, and consensus compares only `comparable`.
import type { ScalarField, Validation } from '../../contracts/field-schema.js';
import { parseDate } from './dates.js';
import { compareDecimals, isDecimalString } from './decimal.js';
import { parseDecimal, parseMoney } from './number.js';
import { parseTaxId } from './tax-id.js';
import { foldEntity, foldText, tidyText } from './text.js';
import type { Money, NormalizedOk, NormalizeErrorCode, NormalizeResult, RawValue } from './types.js';

/** Comparable string of a money value: amount and currency both matter. */
export function moneyComparable(m: Money): string {
  return m.currency ? `${m.amount} ${m.currency}` : m.amount;
}

function fail(code: NormalizeErrorCode, message: string): NormalizeResult {
  return { ok: false, code, message };
}

function ok(raw: string, normalized: NormalizedOk['normalized'], comparable: string): NormalizedOk {
  return { ok: true, raw, normalized, comparable };
}

const TRUE_WORDS = new Set(['si', 's', 'yes', 'y', 'true', 'verdadero', '1', 'x']);
const FALSE_WORDS = new Set(['no', 'n', 'false', 'falso', '0']);

function parseBoolean(raw: string): NormalizeResult {
  const f = foldText(raw);
  if (TRUE_WORDS.has(f) || raw.trim() === '✓') return ok(raw, true, 'true');
  if (FALSE_WORDS.has(f)) return ok(raw, false, 'false');
  return fail('invalid_boolean', 'expected yes or no');
}

function parseEnum(raw: string, field: Extract<ScalarField, { type: 'enum' }>): NormalizeResult {
  const f = foldText(raw);
  const labels = (o: (typeof field.options)[number]): string[] =>
    typeof o.label === 'string' ? [o.label] : [o.label.es, o.label.en];
  const option = field.options.find(
    (o) => foldText(o.value) === f || labels(o).some((l) => foldText(l) === f),
  );
  return option ? ok(raw, option.value, option.value) : fail('not_an_option', 'not one of the options');
}

function parseTyped(raw: string, field: ScalarField, locale: string): NormalizeResult {
  switch (field.type) {
    case 'text':
      return ok(raw, tidyText(raw), foldText(raw));
    case 'entity':
      return ok(raw, tidyText(raw), foldEntity(raw));
    case 'number': {
      const n = parseDecimal(raw, locale);
      return n.ok ? ok(raw, n.value, n.value) : fail('invalid_number', n.reason);
    }
    case 'money': {
      const m = parseMoney(raw, locale, field.currency);
      if (!m.ok) return fail('invalid_money', m.reason);
      const money: Money = { amount: m.value, currency: m.currency ?? null };
      return ok(raw, money, moneyComparable(money));
    }
    case 'date': {
      const d = parseDate(raw, locale);
      return d ? ok(raw, d, d) : fail('invalid_date', 'not a date (e.g. 31/12/2012)');
    }
    case 'tax_id': {
      const t = parseTaxId(raw, field.country);
      if (t.ok) return ok(raw, t.digits, t.digits);
      return fail(t.code, t.code === 'tax_id_check_digit' ? 'check digit does not match' : 'not a tax id');
    }
    case 'enum':
      return parseEnum(raw, field);
    case 'boolean':
      return parseBoolean(raw);
  }
}

function limit(v: string | number | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  return isDecimalString(s) ? s : undefined;
}

// What min/max compare: a length for text, the amount for numbers and money.
function measured(field: ScalarField, value: NormalizedOk): string | undefined {
  const n = value.normalized;
  if ((field.type === 'text' || field.type === 'entity') && typeof n === 'string')
    return String([...n].length);
  if (field.type === 'number' && typeof n === 'string') return n;
  if (field.type === 'money' && n && typeof n === 'object') return n.amount;
  return undefined;
}

function patternSubject(value: NormalizedOk): string {
  const n = value.normalized;
  return n && typeof n === 'object' ? n.amount : String(n);
}

function checkRules(field: ScalarField, value: NormalizedOk, rules: Validation): NormalizeResult {
  if (rules.pattern !== undefined && !new RegExp(rules.pattern, 'u').test(patternSubject(value))) {
    return fail('pattern_mismatch', 'does not match the expected format');
  }
  const m = measured(field, value);
  const [min, max] = [limit(rules.min), limit(rules.max)];
  if (m !== undefined && min !== undefined && compareDecimals(m, min) < 0)
    return fail('below_min', `below ${min}`);
  if (m !== undefined && max !== undefined && compareDecimals(m, max) > 0)
    return fail('above_max', `above ${max}`);
  if (field.type === 'date' && typeof value.normalized === 'string') {
    if (rules.minDate && value.normalized < rules.minDate)
      return fail('before_min_date', `before ${rules.minDate}`);
    if (rules.maxDate && value.normalized > rules.maxDate)
      return fail('after_max_date', `after ${rules.maxDate}`);
  }
  return value;
}

function rawText(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  return typeof raw === 'string' ? raw : String(raw);
}

/** Parses, normalises and validates one raw value for a field; empty is `required` or a null value. */
export function normalizeValue(field: ScalarField, raw: RawValue, locale: string): NormalizeResult {
  if (typeof raw === 'boolean' && field.type === 'boolean') return ok(String(raw), raw, String(raw));
  // JSON numbers are already unambiguous: read them with a decimal point whatever the locale.
  const text = rawText(raw);
  const effectiveLocale = typeof raw === 'number' ? 'en' : locale;
  if (typeof raw === 'number' && !Number.isFinite(raw)) return fail('invalid_value', 'not a finite number');
  if (text.trim() === '') return field.required ? fail('required', 'required') : ok(text, null, '');
  const parsed = parseTyped(text, field, effectiveLocale);
  return parsed.ok && field.validation ? checkRules(field, parsed, field.validation) : parsed;
}
