import { describe, expect, it } from '@jest/globals';
import { FieldSchemaShape, validateFieldSchema } from '@cotejo/backend/contracts';
import { fromDefinition, move, newCheck, newField, toDefinition } from './schema-draft';

describe('schema builder draft', () => {
  it('builds a valid definition with money, date, a table group and a sum check', () => {
    const total = Object.assign(newField('money', 'total'), {
      labelEs: 'Total',
      labelEn: 'Total',
      required: true,
    });
    const fecha = Object.assign(newField('date', 'fecha'), {
      labelEs: 'Fecha',
      labelEn: 'Date',
      minDate: '2020-01-01',
    });
    const items = Object.assign(newField('table', 'items'), { labelEs: 'Ítems', labelEn: 'Items' });
    const sum = Object.assign(newCheck('sum'), { table: 'items', column: 'importe', equals: 'total' });
    const def = toDefinition([fecha, total, items], [sum]);
    const result = validateFieldSchema(def);
    expect(result.ok).toBe(true);
    expect(def.fields[0]).toMatchObject({
      key: 'fecha',
      label: { es: 'Fecha', en: 'Date' },
      validation: { minDate: '2020-01-01' },
    });
    expect(def.fields[1]).toMatchObject({ label: 'Total', currency: 'ARS', required: true });
  });

  it('round-trips a stored definition', () => {
    const stored = FieldSchemaShape.parse({
      fields: [
        {
          key: 'tipo',
          label: { es: 'Tipo', en: 'Kind' },
          type: 'enum',
          options: [{ value: 'a', label: 'A' }],
        },
        { key: 'proveedor', label: 'Proveedor', type: 'entity', entityKind: 'supplier', hint: 'Como figura' },
        {
          key: 'items',
          label: 'Ítems',
          type: 'table',
          maxRows: 9,
          columns: [{ key: 'x', label: 'X', type: 'number' }],
        },
      ],
      checks: [{ type: 'required_if', field: 'proveedor', when: 'tipo', equals: 'a' }],
    });
    const draft = fromDefinition(stored);
    expect(FieldSchemaShape.parse(toDefinition(draft.fields, draft.checks))).toEqual(stored);
  });

  it('moves items within bounds', () => {
    const list = [1, 2, 3];
    move(list, 0, -1);
    move(list, 2, -1);
    expect(list).toEqual([1, 3, 2]);
  });
});
