/**
 * The simulated documents' field schemas and how each true value is printed on the page (what a
 * careful volunteer types). Spanish reports: es-AR, "1.234,56", CUIT "30-12345678-9"; English
 * contract awards: en-GB, "1,234.56". Dates are dd/mm/yyyy in both.
 */
import type { FieldSchemaDefinitionInput, ScalarField } from '../contracts/field-schema.js';
import type { Truth, TruthItem } from './truth.js';

export type Printed = Record<string, string>;

const isDate = (k: string) => /fecha|date|period|desde|hasta/.test(k);

function scalarType(key: string): ScalarField['type'] {
  if (key === 'total') return 'money';
  return isDate(key) ? 'date' : 'text';
}

/** Header keys of a fixture family (moneda/currency is a field like any other). */
export function headerKeys(t: Truth): string[] {
  return Object.keys(t.fields);
}

function columns(t: Truth): string[] {
  const cols = ['fecha', 'proveedor', 'concepto', 'importe'];
  if (t.items.some((i) => i.numero !== undefined)) cols.unshift('numero');
  if (t.items.some((i) => i.cuit)) cols.splice(cols.indexOf('proveedor') + 1, 0, 'cuit');
  return cols;
}

function columnSchema(key: string): Record<string, unknown> {
  if (key === 'importe') return { key, label: key, type: 'money', required: true };
  if (key === 'fecha') return { key, label: key, type: 'date', required: true };
  if (key === 'proveedor') return { key, label: key, type: 'entity', entityKind: 'supplier', required: true };
  if (key === 'cuit') return { key, label: key, type: 'tax_id', country: 'AR' };
  return { key, label: key, type: 'text' };
}

/** The schema a project of this fixture family uses: header fields, line items, sum check. */
export function schemaFor(t: Truth): FieldSchemaDefinitionInput {
  const header = headerKeys(t).map((key) => ({
    key,
    label: key,
    type: scalarType(key),
    required: key === 'total',
  }));
  return {
    fields: [
      ...header,
      { key: 'items', label: 'items', type: 'table', columns: columns(t).map(columnSchema) },
    ],
    checks: [{ type: 'sum', table: 'items', column: 'importe', equals: 'total' }],
  } as FieldSchemaDefinitionInput;
}

function money(amount: string, language: Truth['language']): string {
  const [int = '0', dec = '00'] = amount.split('.');
  const group = language === 'es' ? '.' : ',';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${grouped}${language === 'es' ? ',' : '.'}${dec}`;
}

const date = (iso: string) => iso.split('-').reverse().join('/');
const cuit = (d: string) => `${d.slice(0, 2)}-${d.slice(2, 10)}-${d.slice(10)}`;

function printedValue(key: string, value: string, language: Truth['language']): string {
  if (key === 'total' || key === 'importe') return money(value, language);
  if (key === 'cuit') return cuit(value);
  return isDate(key) && /^\d{4}-\d{2}-\d{2}$/.test(value) ? date(value) : value;
}

/** The printed header values. */
export function printedHeader(t: Truth): Printed {
  return Object.fromEntries(headerKeys(t).map((k) => [k, printedValue(k, t.fields[k] ?? '', t.language)]));
}

/** The printed cells of one line item. */
export function printedRow(t: Truth, item: TruthItem): Printed {
  return Object.fromEntries(
    columns(t).map((k) => [
      k,
      printedValue(
        k,
        String((item as unknown as Record<string, string | null | undefined>)[k] ?? ''),
        t.language,
      ),
    ]),
  );
}

/** The locale of a fixture family. */
export const localeOf = (t: Truth) => (t.language === 'es' ? 'es-AR' : 'en-GB');
