import { describe, expect, it } from '@jest/globals';
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import { MARK_END, MARK_START } from './repository.js';
import { privateValues, redact } from './search-pages.js';

describe('redact', () => {
  it('hides values however their digits are separated, case-insensitively, marks included', () => {
    const text = `DNI 27.123.456, ${MARK_START}27123456${MARK_END} y 27 123 456; no 2712345`;
    expect(redact(text, ['27123456'])).toBe(
      `DNI ██████████, ${MARK_START}████████${MARK_END} y ██████████; no 2712345`,
    );
    expect(redact('JUAN Pérez pagó', ['juan pérez'])).toBe('██████████ pagó');
    expect(redact('nada que ocultar', ['27123456'])).toBe('nada que ocultar');
  });

  it('merges overlapping values into one black bar', () => {
    expect(redact('x 12345678 y', ['1234', '345678'])).toBe('x ████████ y');
  });

  it('takes private scalar and table values only', () => {
    const schema = {
      fields: [
        { key: 'dni', type: 'text', public: false },
        { key: 'nombre', type: 'text', public: true },
        {
          key: 'items',
          type: 'table',
          public: true,
          columns: [{ key: 'nota', type: 'text', public: false }],
        },
      ],
    } as unknown as FieldSchemaDefinition;
    expect(
      privateValues(schema, {
        dni: ' 27123456 ',
        nombre: 'Ana Gómez',
        items: [{ nota: 'secreta' }, { nota: 'no' }],
      }),
    ).toEqual(['27123456', 'secreta']);
  });
});
