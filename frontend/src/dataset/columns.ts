// The table's columns from the records response's flat export columns (pure): provenance columns
// are shown in the provenance panel instead, and `<key>_currency` makes `<key>` a money column.
import type { ExportColumnInfo } from '@cotejo/backend/contracts';
import { formatDecimal } from '../lib/numbers';
import { isoToDayFirst } from '../lib/dates';

export type ColumnKind = 'text' | 'number' | 'money' | 'date' | 'boolean';

export interface DataColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

const PROVENANCE = new Set([
  'record_id',
  'document_id',
  'document_file',
  'source_sha256',
  'page',
  'agreement',
  'contributors',
  'reviewed',
  'release_version',
]);

/** The public fields shown as table columns, in schema order. */
export function dataColumns(columns: ExportColumnInfo[]): DataColumn[] {
  const names = new Set(columns.map((c) => c.name));
  const out: DataColumn[] = [];
  for (const c of columns) {
    if (PROVENANCE.has(c.name)) continue;
    if (c.name.endsWith('_currency') && names.has(c.name.slice(0, -'_currency'.length))) continue;
    const kind: ColumnKind = names.has(`${c.name}_currency`)
      ? 'money'
      : c.type === 'number' || c.type === 'integer'
        ? 'number'
        : c.type === 'date'
          ? 'date'
          : c.type === 'boolean'
            ? 'boolean'
            : 'text';
    out.push({ key: c.name, label: c.title ?? humanize(c.name), kind });
  }
  return out;
}

/** A label from a field key when the API gives no title: `fecha_pago` → "Fecha pago". */
export function humanize(key: string): string {
  const text = key.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A money value's amount and currency (nested `{amount, currency}` or a bare decimal string). */
export function moneyOf(value: unknown): { amount: string; currency: string | null } | null {
  if (typeof value === 'string' && value) return { amount: value, currency: null };
  if (typeof value === 'number') return { amount: String(value), currency: null };
  if (value && typeof value === 'object') {
    const v = value as { amount?: unknown; currency?: unknown };
    if (typeof v.amount === 'string' || typeof v.amount === 'number') {
      return { amount: String(v.amount), currency: typeof v.currency === 'string' ? v.currency : null };
    }
  }
  return null;
}

/** Money as the UI language writes it: "ARS 1.234,50". */
export function formatMoney(amount: string, currency: string | null, locale: string): string {
  const [, frac = ''] = amount.split('.');
  const text = formatDecimal(amount, locale, Math.max(2, Math.min(frac.length, 6)));
  return currency ? `${currency} ${text}` : text;
}

/** The text of one cell. */
export function cellText(
  column: DataColumn,
  value: unknown,
  locale: string,
  yesNo: [string, string],
): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (column.kind) {
    case 'money': {
      const m = moneyOf(value);
      return m ? formatMoney(m.amount, m.currency, locale) : '—';
    }
    case 'number': {
      const text = asText(value);
      return /^-?\d+(\.\d+)?$/.test(text) ? formatDecimal(text, locale) : text;
    }
    case 'date':
      return isoToDayFirst(asText(value));
    case 'boolean':
      return value === true || value === 'true' ? yesNo[0] : yesNo[1];
    default:
      return asText(value);
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** One bar of a chart: its label, a float for the geometry and the exact value as text. */
export interface ChartItem {
  label: string;
  value: number;
  text: string;
}

/** A float for charts only (never for figures shown as text). */
export function amountNumber(value: unknown): number | null {
  const m = moneyOf(value);
  if (!m) return null;
  const n = Number(m.amount);
  return Number.isFinite(n) ? n : null;
}

/** Equal-width buckets over the values (at most `count`). */
export function histogram(values: number[], count = 8): Array<{ from: number; to: number; n: number }> {
  if (!values.length) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return [{ from: min, to: max, n: values.length }];
  const k = Math.min(count, Math.max(1, Math.ceil(Math.sqrt(values.length))));
  const width = (max - min) / k;
  const buckets = Array.from({ length: k }, (_, i) => ({
    from: min + i * width,
    to: min + (i + 1) * width,
    n: 0,
  }));
  for (const v of values) {
    const i = Math.min(k - 1, Math.floor((v - min) / width));
    buckets[i]!.n += 1;
  }
  return buckets;
}

/** An ISO timestamp or date as the UI language writes it. */
export function formatDate(iso: string, locale: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(
    locale,
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' },
  ).format(date);
}
