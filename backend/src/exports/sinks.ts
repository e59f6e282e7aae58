/**
 * Format writers that take records page by page and write to a stream, awaiting backpressure:
 * CSV, a streamed JSON array, NDJSON and XLSX. Each counts the rows it wrote.
 */
import type { Writable } from 'node:stream';
import type { RecordFormat } from '../contracts/open-data.js';
import {
  cellsOf,
  recordObject,
  tableRows,
  type ExportColumn,
  type ExportLayout,
  type ExportRecord,
} from '../open-data/columns.js';
import { csvLine } from './csv.js';
import { XlsxWriter } from './xlsx.js';
import { writeChunk } from './zip.js';

export interface ExportSink {
  begin(): Promise<void>;
  page(records: ExportRecord[]): Promise<void>;
  end(): Promise<void>;
  readonly rows: number;
}

/** Which flat rows a file holds: the records themselves, or the line items of one table. */
export type RowSource = { kind: 'records' } | { kind: 'table'; key: string };

function flatRows(source: RowSource, records: ExportRecord[]) {
  if (source.kind === 'records') return records.map((r) => ({ record: r, row: r.values }));
  return records.flatMap((r) => tableRows(r, source.key).map((row) => ({ record: r, row })));
}

/** A CSV file of `columns` (header row of column names). */
export function csvSink(
  out: Writable,
  columns: ExportColumn[],
  version: string | null,
  source: RowSource,
): ExportSink {
  let rows = 0;
  return {
    begin: () => writeChunk(out, csvLine(columns.map((c) => c.name))),
    async page(records) {
      let text = '';
      for (const { record, row } of flatRows(source, records)) {
        text += csvLine(cellsOf(columns, record, row, version));
        rows++;
      }
      if (text) await writeChunk(out, text);
    },
    end: () => Promise.resolve(),
    get rows() {
      return rows;
    },
  };
}

/** A JSON array (or NDJSON lines) of record objects with their tables nested. */
export function jsonSink(
  out: Writable,
  layout: ExportLayout,
  version: string | null,
  lines: boolean,
): ExportSink {
  let rows = 0;
  return {
    begin: () => (lines ? Promise.resolve() : writeChunk(out, '[')),
    async page(records) {
      let text = '';
      for (const record of records) {
        const json = JSON.stringify(recordObject(layout, record, version));
        text += lines ? `${json}\n` : `${rows === 0 ? '\n' : ',\n'}${json}`;
        rows++;
      }
      if (text) await writeChunk(out, text);
    },
    end: () => (lines ? Promise.resolve() : writeChunk(out, rows ? '\n]\n' : ']\n')),
    get rows() {
      return rows;
    },
  };
}

/** An XLSX workbook with one sheet: a header row, then one row per record. */
export function xlsxSink(
  out: Writable,
  columns: ExportColumn[],
  version: string | null,
  sheet: string,
): ExportSink {
  const writer = new XlsxWriter(out);
  const numeric = columns.map((c) => c.type === 'number' || c.type === 'integer');
  let rows = 0;
  return {
    async begin() {
      await writer.begin(sheet);
      await writer.rows(
        [columns.map((c) => c.name)],
        columns.map(() => false),
      );
    },
    async page(records) {
      await writer.rows(
        records.map((r) => cellsOf(columns, r, r.values, version)),
        numeric,
      );
      rows += records.length;
    },
    end: () => writer.end(),
    get rows() {
      return rows;
    },
  };
}

/** The sink of a records format. */
export function sinkFor(
  format: RecordFormat,
  out: Writable,
  layout: ExportLayout,
  version: string | null,
): ExportSink {
  switch (format) {
    case 'csv':
      return csvSink(out, layout.columns, version, { kind: 'records' });
    case 'json':
      return jsonSink(out, layout, version, false);
    case 'ndjson':
      return jsonSink(out, layout, version, true);
    case 'xlsx':
      return xlsxSink(out, layout.columns, version, 'records');
  }
}

export const MEDIA_TYPES: Record<RecordFormat | 'datapackage', string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  datapackage: 'application/json; charset=utf-8',
};
