import { describe, it, expect } from '@jest/globals';
import {
  FieldSchemaDefinitionSchema,
  validateFieldSchema,
  type FieldSchemaDefinition,
} from '../../contracts/field-schema.js';
import { evaluateChecks } from './checks.js';
import { consensusForField, type FieldResult, type Vote } from './consensus.js';
import { evaluateRecord } from './record.js';
import { tableConsensus, tableTranscriptionFrom, type TableTranscription } from './rows.js';
import { validateSubmission } from './submission.js';
import { vozdataRecord } from './vozdata.js';

function schemaOf(input: unknown): FieldSchemaDefinition {
  const r = validateFieldSchema(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.schema;
}

const schema = schemaOf({
  fields: [
    { key: 'proveedor', label: 'Proveedor', type: 'entity', entityKind: 'supplier', required: true },
    { key: 'cuit', label: 'CUIT', type: 'tax_id', country: 'AR' },
    { key: 'fecha', label: { es: 'Fecha', en: 'Date' }, type: 'date' },
    { key: 'total', label: 'Total', type: 'money', currency: 'ARS' },
    { key: 'nota', label: 'Nota', type: 'text', verify: false },
    {
      key: 'items',
      label: 'Ítems',
      type: 'table',
      columns: [
        { key: 'detalle', label: 'Detalle', type: 'text' },
        { key: 'importe', label: 'Importe', type: 'money', currency: 'ARS' },
      ],
    },
  ],
  checks: [
    { type: 'sum', id: 'items_total', table: 'items', column: 'importe', equals: 'total' },
    { type: 'date_range', field: 'fecha', min: '2010-01-01', max: '2020-12-31' },
    { type: 'required_if', field: 'cuit', when: 'proveedor' },
  ],
});

const submission = {
  proveedor: 'Acme S.A.',
  cuit: '20-12345678-6',
  fecha: '3/3/2012',
  total: '$ 1.500,00',
  items: [
    { detalle: 'Sillas', importe: '1.000' },
    { detalle: 'Mesas', importe: '500,00' },
  ],
};

function entriesOf(values: Record<string, unknown>): ReturnType<typeof validateSubmission> {
  return validateSubmission(schema, values as never, {}, 'es-AR');
}

describe('field schema validation', () => {
  it('refuses duplicate keys and checks on missing or wrong fields, with stable codes', () => {
    const r = validateFieldSchema({
      fields: [
        { key: 'a', label: 'A', type: 'text' },
        { key: 'a', label: 'A2', type: 'number' },
        {
          key: 'e',
          label: 'E',
          type: 'enum',
          options: [
            { value: 'x', label: 'X' },
            { value: 'x', label: 'Y' },
          ],
        },
      ],
      checks: [
        { type: 'sum', table: 'nope', column: 'c', equals: 'a' },
        { type: 'date_range', field: 'a', min: '2010-01-01' },
      ],
    });
    expect(r.ok).toBe(false);
    const codes = r.ok ? [] : r.errors.map((e) => e.code).sort();
    expect(codes).toEqual(['check_unknown_field', 'check_wrong_type', 'duplicate_key', 'duplicate_option']);
  });

  it('exposes the same rules as a zod schema for HTTP edges', () => {
    const r = FieldSchemaDefinitionSchema.safeParse({
      fields: [
        { key: 'a', label: 'A', type: 'text' },
        { key: 'a', label: 'A', type: 'text' },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: 'custom', params: { code: 'duplicate_key' } });
  });

  it('reports shape errors as invalid_shape and applies defaults', () => {
    const bad = validateFieldSchema({ fields: [{ key: 'Bad Key', label: 'x', type: 'text' }] });
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(['invalid_shape']);
    expect(schema.fields[0]).toMatchObject({ verify: true, public: true });
    expect(schema.checks[0]).toMatchObject({ toleranceCents: 0 });
  });
});

describe('validateSubmission', () => {
  it('normalises every field and table cell by path', () => {
    const r = entriesOf(submission);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries['items#rows']).toMatchObject({ comparable: '2' });
    expect(r.entries['items[1].importe']).toMatchObject({ comparable: '500.00 ARS' });
    expect(r.entries['proveedor']).toMatchObject({ comparable: 'acme sa' });
  });

  it('reports each error with its path', () => {
    const r = validateSubmission(
      schema,
      { ...submission, cuit: '20-12345678-5', items: [{ detalle: 'x', importe: 'mucho' }], otro: '1' },
      { fecha: 'illegible' },
      'es-AR',
    );
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.code])).toEqual([
      ['otro', 'unknown_field'],
      ['cuit', 'tax_id_check_digit'],
      ['items[0].importe', 'invalid_money'],
    ]);
  });

  it('accepts a partial task and markers in place of values', () => {
    const r = validateSubmission(schema, { total: '' }, { fecha: 'not_present' }, 'es-AR', {
      fields: ['fecha', 'total'],
    });
    expect(r).toEqual({
      ok: true,
      entries: {
        fecha: { kind: 'marker', marker: 'not_present' },
        total: { kind: 'value', raw: '', normalized: null, comparable: '' },
      },
    });
  });

  it('enforces required_if at entry time', () => {
    const r = entriesOf({ ...submission, cuit: '' });
    expect(r.ok ? [] : r.errors).toEqual([
      { path: 'cuit', code: 'required', message: 'required when proveedor is given' },
    ]);
  });
});

function tableFrom(contributorId: string, rows: [string, string][]): TableTranscription {
  const r = entriesOf({ ...submission, items: rows.map(([detalle, importe]) => ({ detalle, importe })) });
  if (!r.ok) throw new Error('invalid');
  const items = schema.fields[5];
  if (items?.type !== 'table') throw new Error('no table');
  return tableTranscriptionFrom(items, r.entries, { contributorId, weight: 1 });
}

describe('tableConsensus', () => {
  const items = schema.fields[5];
  if (items?.type !== 'table') throw new Error('no table');
  const full: [string, string][] = [
    ['Sillas', '1000'],
    ['Mesas', '500'],
    ['Lámparas', '250'],
  ];

  it('aligns a volunteer who skipped a row and one who added one', () => {
    const skipped = tableFrom('b', [full[0], full[2]] as [string, string][]);
    const added = tableFrom('c', [full[0], ['Flete', '99'], full[1], full[2]] as [string, string][]);
    const r = tableConsensus(items, [tableFrom('a', full), skipped, added, tableFrom('d', full)]);
    expect(r.rowCount).toMatchObject({ status: 'verified', comparable: '3' });
    expect(r.slots).toBe(3);
    expect(r.alignment).toMatchObject({ b: [0, 2], c: [0, null, 1, 2] });
    expect(r.cells['items[2].detalle']).toMatchObject({
      status: 'verified',
      comparable: 'lamparas',
      support: 4,
    });
    expect(r.cells['items[1].importe']).toMatchObject({ status: 'verified', support: 3 });
  });

  it('treats the row count as a voted value (a dispute keeps the table open)', () => {
    const r = tableConsensus(items, [tableFrom('a', full), tableFrom('b', full.slice(0, 2))]);
    expect(r.rowCount.status).toBe('disputed');
  });

  it('is independent of transcription order', () => {
    const ts = [
      tableFrom('a', full),
      tableFrom('b', [full[1], full[2]] as [string, string][]),
      tableFrom('c', full),
    ];
    expect(tableConsensus(items, [...ts].reverse())).toEqual(tableConsensus(items, ts));
  });
});

function verified(comparable: string, value: unknown): FieldResult {
  const votes: Vote[] = ['a', 'b'].map((c) => ({
    contributorId: c,
    comparable,
    value: value as never,
    weight: 1,
    source: 'typed',
  }));
  return consensusForField(votes);
}

const money = (amount: string): { amount: string; currency: string } => ({ amount, currency: 'ARS' });

function allVerified(total: string): Record<string, FieldResult> {
  return {
    proveedor: verified('acme sa', 'Acme S.A.'),
    cuit: verified('20123456786', '20123456786'),
    fecha: verified('2012-03-03', '2012-03-03'),
    total: verified(`${total} ARS`, money(total)),
    'items#rows': verified('2', '2'),
    'items[0].detalle': verified('sillas', 'Sillas'),
    'items[0].importe': verified('1000.00 ARS', money('1000.00')),
    'items[1].detalle': verified('mesas', 'Mesas'),
    'items[1].importe': verified('500.00 ARS', money('500.00')),
  };
}

describe('checks and evaluateRecord', () => {
  it('verifies a record when every verify-field is verified and checks pass', () => {
    expect(evaluateRecord(schema, allVerified('1500.00'))).toMatchObject({ status: 'verified', reasons: [] });
  });

  it('sends a failed sum to review with the reason', () => {
    const r = evaluateRecord(schema, allVerified('1600.00'));
    expect(r.status).toBe('review');
    expect(r.reasons[0]?.check).toMatchObject({
      check: 'items_total',
      code: 'sum_mismatch',
      expected: '1600.00',
      actual: '1500',
    });
  });

  it('is pending while a verify-field is not verified, and review when one hit the limit', () => {
    const pending = { ...allVerified('1500.00'), fecha: consensusForField([]) };
    expect(evaluateRecord(schema, pending).status).toBe('pending');
    const stuck = { ...pending, fecha: { ...consensusForField([]), status: 'needs_review' as const } };
    expect(evaluateRecord(schema, stuck)).toMatchObject({
      status: 'review',
      reasons: [{ code: 'field_needs_review' }],
    });
  });

  it('evaluates date ranges (also relative) and required_if', () => {
    const dated = schemaOf({
      fields: [
        { key: 'inicio', label: 'I', type: 'date' },
        { key: 'fin', label: 'F', type: 'date' },
      ],
      checks: [{ type: 'date_range', field: 'fin', min: { field: 'inicio', offsetDays: 1 } }],
    });
    const k = (value: string) => ({ value, marker: null });
    expect(evaluateChecks(dated, { inicio: k('2012-03-03'), fin: k('2012-03-03') })).toMatchObject([
      { code: 'date_out_of_range', expected: '>= 2012-03-04' },
    ]);
    expect(evaluateChecks(dated, { inicio: k('2012-03-03'), fin: k('2012-03-04') })).toEqual([]);
    expect(
      evaluateChecks(schema, { proveedor: k('Acme'), cuit: { value: undefined, marker: 'not_present' } }),
    ).toMatchObject([{ code: 'required_missing' }]);
  });
});

describe('vozdataRecord', () => {
  it('needs three identical whole records', () => {
    const t = (c: string, total: string) => ({ contributorId: c, values: { proveedor: 'acme', total } });
    expect(vozdataRecord([t('a', '1'), t('b', '1'), t('c', '2')]).status).toBe('pending');
    expect(vozdataRecord([t('a', '1'), t('b', '1'), t('c', '2'), t('d', '1')])).toEqual({
      status: 'verified',
      values: { proveedor: 'acme', total: '1' },
      contributors: ['a', 'b', 'd'],
    });
  });
});
