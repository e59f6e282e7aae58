// Pure per-type rules behind the generated form: empty values, instant validation and a preview
// of how the server will read a value. No Vue components here, so stores and tests can use it.
import type {
  Field,
  FieldSchemaDefinition,
  LocalizedText,
  ScalarField,
  TableField,
} from '@cotejo/backend/contracts';
import type { FieldValue, TableRowValue } from '../services/tasks';
import { cuitStatus, formatCuit } from '../lib/cuit';
import { compareDecimal, formatDecimal, parseDecimal } from '../lib/numbers';
import { isoToDayFirst, parseDayFirstDate } from '../lib/dates';

/** A validation problem as an i18n key under `fieldErrors` plus its parameters. */
export interface FieldProblem {
  code: string;
  params?: Record<string, string>;
}

/** Text in the UI language, falling back to Spanish then English. */
export function localized(text: LocalizedText | undefined, uiLocale: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return uiLocale.startsWith('en') ? text.en : text.es;
}

/** The value an untouched field starts with. */
export function emptyValue(field: Field): FieldValue {
  if (field.type === 'boolean') return '';
  if (field.type === 'table')
    return Array.from({ length: Math.max(1, field.minRows) }, () => emptyRow(field));
  return '';
}

/** A blank table row with every column present. */
export function emptyRow(table: TableField): TableRowValue {
  return Object.fromEntries(table.columns.map((c) => [c.key, '']));
}

function isBlank(value: FieldValue | undefined): boolean {
  if (value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.every((row) => Object.values(row).every((v) => v.trim() === ''));
  return typeof value === 'string' && value.trim() === '';
}

/** Validates one scalar value as typed; `locale` is the document's (project's) locale. */
export function checkScalar(field: ScalarField, raw: string, locale: string): FieldProblem | null {
  const text = raw.trim();
  if (text === '') return field.required ? { code: 'required' } : null;
  const v = field.validation;
  switch (field.type) {
    case 'number':
    case 'money': {
      const n = parseDecimal(text, locale);
      if (n === null) return { code: field.type === 'money' ? 'invalid_money' : 'invalid_number' };
      if (v?.min !== undefined && compareDecimal(n, String(v.min)) < 0)
        return { code: 'below_min', params: { min: String(v.min) } };
      if (v?.max !== undefined && compareDecimal(n, String(v.max)) > 0)
        return { code: 'above_max', params: { max: String(v.max) } };
      return null;
    }
    case 'date': {
      const iso = parseDayFirstDate(text);
      if (iso === null) return { code: 'invalid_date' };
      if (v?.minDate && iso < v.minDate)
        return { code: 'before_min_date', params: { min: isoToDayFirst(v.minDate) } };
      if (v?.maxDate && iso > v.maxDate)
        return { code: 'after_max_date', params: { max: isoToDayFirst(v.maxDate) } };
      return null;
    }
    case 'tax_id': {
      if (field.country !== undefined && field.country !== 'AR') return null;
      const status = cuitStatus(text);
      if (status === 'valid') return null;
      return { code: status === 'bad_check_digit' ? 'bad_check_digit' : 'invalid_tax_id' };
    }
    case 'enum':
      return field.options.some((o) => o.value === text) ? null : { code: 'invalid_option' };
    case 'boolean':
      return text === 'true' || text === 'false' ? null : { code: 'invalid_option' };
    default: {
      if (v?.min !== undefined && text.length < Number(v.min))
        return { code: 'too_short', params: { min: String(v.min) } };
      if (v?.max !== undefined && text.length > Number(v.max))
        return { code: 'too_long', params: { max: String(v.max) } };
      if (v?.pattern !== undefined) {
        try {
          if (!new RegExp(v.pattern, 'u').test(text)) return { code: 'pattern' };
        } catch {
          return null;
        }
      }
      return null;
    }
  }
}

/** Problems of a whole field keyed by path (`key`, or `key[2].column` inside a table). */
export function checkField(
  field: Field,
  value: FieldValue | undefined,
  locale: string,
): Record<string, FieldProblem> {
  if (field.type !== 'table') {
    const problem = checkScalar(
      field,
      typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value : '',
      locale,
    );
    return problem ? { [field.key]: problem } : {};
  }
  const rows = Array.isArray(value) ? value : [];
  const problems: Record<string, FieldProblem> = {};
  if (field.required && isBlank(rows)) problems[field.key] = { code: 'required' };
  rows.forEach((row, i) => {
    if (Object.values(row).every((v) => v.trim() === '')) return;
    for (const column of field.columns) {
      const p = checkScalar(column, row[column.key] ?? '', locale);
      if (p) problems[`${field.key}[${i}].${column.key}`] = p;
    }
  });
  return problems;
}

/** How the value will be read, shown under money, number, date and tax id inputs. */
export function preview(field: ScalarField, raw: string, locale: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  if (field.type === 'money') {
    const n = parseDecimal(text, locale);
    return n === null ? null : `${formatDecimal(n, locale, 2)}${field.currency ? ` ${field.currency}` : ''}`;
  }
  if (field.type === 'number') {
    const n = parseDecimal(text, locale);
    return n === null ? null : formatDecimal(n, locale);
  }
  if (field.type === 'date') {
    const iso = parseDayFirstDate(text);
    return iso === null ? null : iso;
  }
  if (field.type === 'tax_id') return cuitStatus(text) === 'valid' ? formatCuit(text) : null;
  return null;
}

const CELL_PATH = /^([a-z][a-z0-9_]*)\[(\d+)\]\.([a-z][a-z0-9_]*)$/;

function joinLabels(parts: LocalizedText[]): LocalizedText {
  return {
    es: parts.map((p) => localized(p, 'es')).join(' · '),
    en: parts.map((p) => localized(p, 'en')).join(' · '),
  };
}

/**
 * The fields a task asks for. A full task lists top-level keys; a partial task may list single
 * table cells (`items[2].amount`), which become scalar fields keyed by that path so the
 * volunteer sees only the disputed cells and the values go back under the same path.
 */
export function askedFields(schema: FieldSchemaDefinition, wanted: readonly string[]): Field[] {
  if (wanted.length === 0) return schema.fields;
  const out: Field[] = [];
  for (const field of schema.fields) {
    if (wanted.includes(field.key)) {
      out.push(field);
      continue;
    }
    if (field.type !== 'table') continue;
    for (const path of wanted) {
      const m = CELL_PATH.exec(path);
      const column = m && m[1] === field.key ? field.columns.find((c) => c.key === m[3]) : undefined;
      if (!m || !column) continue;
      const row = Number(m[2]) + 1;
      out.push({
        ...column,
        key: path,
        label: joinLabels([field.label, { es: `fila ${row}`, en: `row ${row}` }, column.label]),
      });
    }
  }
  return out;
}

/** Drops rows that were left completely empty before submitting. */
export function compactRows(rows: TableRowValue[]): TableRowValue[] {
  return rows.filter((row) => Object.values(row).some((v) => v.trim() !== ''));
}

export { isBlank };
