/**
 * The flat layout every export shares (CSV header, JSON keys, XLSX columns, Table Schema): the
 * provenance columns, then one column per public field (money adds `<key>_currency`). Tables
 * (repeating groups) are their own resources, one row per line item. Private fields never appear.
 */
import type { FieldSchemaDefinition, ScalarField, TableField } from '../contracts/field-schema.js';
import type { ExportColumnInfo } from '../contracts/open-data.js';

/** A verified record as the exports read it (values still hold private fields; columns drop them). */
export interface ExportRecord {
  id: string;
  documentId: string;
  documentFile: string;
  sourceSha256: string;
  page: number | null;
  agreement: number;
  contributors: number;
  reviewed: boolean;
  values: Record<string, unknown>;
}

export type Cell = string | number | boolean | null;

export interface ExportColumn extends ExportColumnInfo {
  /** What the CSV and JSON carry: decimals stay strings so no amount goes through a float. */
  cell(record: ExportRecord, row: Record<string, unknown>, version: string | null): Cell;
  /** The same cell as SQL text over `records r join documents d` (main columns; the fast CSV path). */
  sql?: string;
}

export interface ExportLayout {
  columns: ExportColumn[];
  tables: Array<{ key: string; columns: ExportColumn[] }>;
}

const PROVENANCE: ExportColumn[] = [
  { name: 'record_id', type: 'string', cell: (r) => r.id, sql: 'r.id::text' },
  { name: 'document_id', type: 'string', cell: (r) => r.documentId, sql: 'r.document_id::text' },
  { name: 'document_file', type: 'string', cell: (r) => r.documentFile, sql: 'd.original_filename' },
  { name: 'source_sha256', type: 'string', cell: (r) => r.sourceSha256, sql: 'd.sha256' },
  { name: 'page', type: 'integer', cell: (r) => r.page, sql: 'r.page_number::text' },
  { name: 'agreement', type: 'number', cell: (r) => r.agreement, sql: 'r.agreement::text' },
  { name: 'contributors', type: 'integer', cell: (r) => r.contributors, sql: 'r.contributor_count::text' },
  { name: 'reviewed', type: 'boolean', cell: (r) => r.reviewed, sql: 'r.reviewed::text' },
  // No `sql`: the fast CSV path binds the release version as a parameter.
  { name: 'release_version', type: 'string', cell: (_r, _row, version) => version },
];

const scalarText = (v: unknown): Cell => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  return JSON.stringify(v);
};

const moneyPart = (v: unknown, part: 'amount' | 'currency'): string | null => {
  if (v && typeof v === 'object') {
    const x = (v as Record<string, unknown>)[part];
    return typeof x === 'string' ? x : null;
  }
  return part === 'amount' && typeof v === 'string' ? v : null;
};

const labelOf = (f: { label: unknown }) =>
  typeof f.label === 'string' ? f.label : ((f.label as { es?: string }).es ?? undefined);

const TYPES: Record<ScalarField['type'], ExportColumnInfo['type']> = {
  text: 'string',
  number: 'number',
  money: 'number',
  date: 'date',
  tax_id: 'string',
  enum: 'string',
  boolean: 'boolean',
  entity: 'string',
};

/** The columns of one public scalar field (money is two). Keys match FieldKeySchema: safe in SQL literals. */
export function fieldColumns(field: ScalarField): ExportColumn[] {
  const key = field.key;
  const title = labelOf(field);
  const json = `r.values->'${key}'`;
  if (field.type !== 'money') {
    return [
      {
        name: key,
        type: TYPES[field.type],
        title,
        cell: (_r, row) => scalarText(row[key]),
        sql: `r.values->>'${key}'`,
      },
    ];
  }
  const fallback = field.currency ? `'${field.currency}'` : 'null';
  return [
    {
      name: key,
      type: 'number',
      title,
      cell: (_r, row) => moneyPart(row[key], 'amount'),
      sql: `case jsonb_typeof(${json}) when 'object' then ${json}->>'amount' when 'string' then ${json}->>0 end`,
    },
    {
      name: `${key}_currency`,
      type: 'string',
      cell: (_r, row) =>
        row[key] === null || row[key] === undefined
          ? null
          : (moneyPart(row[key], 'currency') ?? field.currency ?? null),
      sql: `case when jsonb_typeof(${json}) in ('object', 'string') then coalesce(${json}->>'currency', ${fallback}) end`,
    },
  ];
}

const tableColumns = (table: TableField): ExportColumn[] => [
  ...PROVENANCE,
  { name: 'row_index', type: 'integer', cell: (_r, row) => row.__row as number },
  ...table.columns.filter((c) => c.public).flatMap(fieldColumns),
];

/** The export layout of a field schema: public fields only. */
export function exportLayout(schema: FieldSchemaDefinition | null): ExportLayout {
  const fields = schema?.fields.filter((f) => f.public) ?? [];
  return {
    columns: [...PROVENANCE, ...fields.flatMap((f) => (f.type === 'table' ? [] : fieldColumns(f)))],
    tables: fields
      .filter((f): f is TableField => f.type === 'table')
      .map((t) => ({ key: t.key, columns: tableColumns(t) })),
  };
}

/** The line items of a record's table, each with its row index. */
export function tableRows(record: ExportRecord, tableKey: string): Array<Record<string, unknown>> {
  const rows = record.values[tableKey];
  if (!Array.isArray(rows)) return [];
  return rows.map((row, i) => ({ ...(row as Record<string, unknown>), __row: i }));
}

/** One flat row: the cells of `columns` in order. */
export function cellsOf(
  columns: ExportColumn[],
  record: ExportRecord,
  row: Record<string, unknown>,
  version: string | null,
): Cell[] {
  return columns.map((c) => c.cell(record, row, version));
}

/** A flat JSON object of a record (main columns), with its public tables as arrays of row objects. */
export function recordObject(layout: ExportLayout, record: ExportRecord, version: string | null) {
  const out: Record<string, unknown> = {};
  for (const c of layout.columns) out[c.name] = c.cell(record, record.values, version);
  for (const t of layout.tables) {
    const cols = t.columns.filter((c) => !PROVENANCE.includes(c) && c.name !== 'row_index');
    out[t.key] = tableRows(record, t.key).map((row) =>
      Object.fromEntries(cols.map((c) => [c.name, c.cell(record, row, version)])),
    );
  }
  return out;
}
