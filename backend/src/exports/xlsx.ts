/**
 * A minimal streaming XLSX writer: the fixed OOXML parts plus one sheet whose XML is deflated as it
 * is produced. Strings are inline (no shared-string table to hold in memory); numbers are numbers.
 */
import type { Writable } from 'node:stream';
import type { Cell } from '../open-data/columns.js';
import { ZipWriter, type ZipEntry } from './zip.js';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const STATIC_PARTS = (sheetName: string): Array<[string, string]> => [
  [
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
  ],
  [
    '_rels/.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>` +
      `<sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  ],
];

// XML 1.0 forbids most control characters even when escaped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function cellXml(value: Cell, numeric: boolean): string {
  if (value === null) return '<c/>';
  if (typeof value === 'boolean') return `<c t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = String(value);
  if (numeric && NUMERIC.test(text)) return `<c><v>${text}</v></c>`;
  return `<c t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

/** Writes one sheet: open it, add rows (awaiting backpressure), close it. */
export class XlsxWriter {
  private readonly zip: ZipWriter;
  private sheet: ZipEntry | undefined;

  constructor(out: Writable) {
    this.zip = new ZipWriter(out);
  }

  /** Writes the fixed parts and opens the sheet. */
  async begin(sheetName: string): Promise<void> {
    for (const [name, content] of STATIC_PARTS(sheetName.slice(0, 31))) await this.zip.add(name, content);
    this.sheet = await this.zip.open('xl/worksheets/sheet1.xml');
    await this.sheet.write(`${XML}<worksheet xmlns="${NS}"><sheetData>`);
  }

  /** Appends rows; `numeric[i]` says whether column i holds numbers. */
  async rows(rows: Cell[][], numeric: boolean[]): Promise<void> {
    let xml = '';
    for (const row of rows)
      xml += `<row>${row.map((v, i) => cellXml(v, numeric[i] ?? false)).join('')}</row>`;
    await this.sheet!.write(xml);
  }

  /** Closes the sheet and the archive (the caller ends the output stream). */
  async end(): Promise<void> {
    await this.sheet!.write('</sheetData></worksheet>');
    await this.sheet!.end();
    await this.zip.finish();
  }
}
