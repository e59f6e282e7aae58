import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { ScalarField } from '../../contracts/field-schema.js';
import { parseDate } from './dates.js';
import { normalizeValue } from './normalize.js';
import { cuitCheckDigit, isValidCuit, parseTaxId } from './tax-id.js';
import { foldEntity, foldText, similarity } from './text.js';

const base = { label: 'x', required: false, verify: true, public: true } as const;
const field = <T extends ScalarField['type']>(type: T, extra: object = {}): ScalarField =>
  ({ ...base, key: 'f', type, ...extra }) as ScalarField;

const cuitArb = fc
  .tuple(fc.constantFrom('20', '23', '27', '30', '33'), fc.stringMatching(/^\d{8}$/))
  .map(([p, n]) => p + n)
  .filter((first10) => cuitCheckDigit(first10) !== null)
  .map((first10) => first10 + String(cuitCheckDigit(first10)));

describe('parseDate', () => {
  it.each([
    ['03/03/2012', 'es-AR', '2012-03-03'],
    ['3/3/12', 'es-AR', '2012-03-03'],
    ['15-06-1999', 'es-AR', '1999-06-15'],
    ['2012-03-03', 'es-AR', '2012-03-03'],
    ['3 de marzo de 2012', 'es-AR', '2012-03-03'],
    ['1º de setiembre de 2020', 'es-AR', '2020-09-01'],
    ['March 3, 2012', 'en', '2012-03-03'],
    ['3rd March 2012', 'en', '2012-03-03'],
    ['03/15/2012', 'es-AR', '2012-03-15'],
    ['04/05/2012', 'en-US', '2012-04-05'],
    ['29/02/2012', 'es-AR', '2012-02-29'],
    ['31/12/75', 'es-AR', '1975-12-31'],
  ])('%s (%s) → %s', (raw, locale, iso) => {
    expect(parseDate(raw, locale)).toBe(iso);
  });

  it.each(['29/02/2013', '32/01/2012', '2012-13-01', 'marzo 2012', 'ayer', '1/2'])('rejects %s', (raw) => {
    expect(parseDate(raw, 'es-AR')).toBeNull();
  });

  it('property: ISO output parses to itself (idempotent)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-');
          expect(parseDate(iso, 'es-AR')).toBe(iso);
          expect(parseDate(`${day}/${m}/${y}`, 'es-AR')).toBe(iso);
          expect(parseDate(`${day}/${m}/${y}`, 'en')).toBe(iso);
        },
      ),
    );
  });
});

describe('tax ids', () => {
  it('validates CUIT check digits', () => {
    expect(isValidCuit('20123456786')).toBe(true);
    expect(parseTaxId('20-12345678-6', 'AR')).toEqual({ ok: true, digits: '20123456786' });
    expect(parseTaxId('20-12345678-5', 'AR')).toEqual({ ok: false, code: 'tax_id_check_digit' });
    expect(parseTaxId('2012345678', 'AR')).toEqual({ ok: false, code: 'invalid_tax_id' });
    expect(parseTaxId('AB123', 'GH')).toEqual({ ok: false, code: 'invalid_tax_id' });
    expect(parseTaxId('12.345', 'GH')).toEqual({ ok: true, digits: '12345' });
  });

  it('property: generated CUITs are valid, and any single-digit change is caught', () => {
    fc.assert(
      fc.property(
        cuitArb,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (cuit, pos, delta) => {
          expect(isValidCuit(cuit)).toBe(true);
          const digit = (parseInt(cuit.charAt(pos), 10) + delta) % 10;
          const typo = cuit.slice(0, pos) + String(digit) + cuit.slice(pos + 1);
          expect(isValidCuit(typo)).toBe(false);
        },
      ),
    );
  });
});

describe('text folding', () => {
  it('folds case, accents, punctuation and spaces', () => {
    expect(foldText('  José   PÉREZ, hijo. ')).toBe('jose perez hijo');
    expect(foldEntity('Construcciones Pérez S.A.')).toBe(foldEntity('CONSTRUCCIONES PEREZ SA'));
    expect(foldEntity('Acme Sociedad Anónima')).toBe('acme sa');
    expect(foldEntity('Acme S. R. L.')).toBe('acme srl');
    expect(foldEntity('Acme S.A.U.')).toBe('acme sau');
    expect(similarity('perez', 'peres')).toBeCloseTo(0.8);
  });

  it('property: folding is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
        expect(foldEntity(foldEntity(s))).toBe(foldEntity(s));
      }),
    );
  });
});

describe('normalizeValue', () => {
  it('normalises each type', () => {
    expect(normalizeValue(field('money', { currency: 'ARS' }), '$ 1.234,5', 'es-AR')).toEqual({
      ok: true,
      raw: '$ 1.234,5',
      normalized: { amount: '1234.50', currency: 'ARS' },
      comparable: '1234.50 ARS',
    });
    expect(normalizeValue(field('text'), ' Juan  Pérez ', 'es-AR')).toMatchObject({
      normalized: 'Juan Pérez',
      comparable: 'juan perez',
    });
    expect(normalizeValue(field('boolean'), 'Sí', 'es-AR')).toMatchObject({ normalized: true });
    expect(normalizeValue(field('boolean'), false, 'es-AR')).toMatchObject({ normalized: false });
    expect(normalizeValue(field('number'), 1234.5, 'es-AR')).toMatchObject({ normalized: '1234.5' });
    const options = [{ value: 'lic', label: { es: 'Licitación pública', en: 'Public tender' } }];
    expect(normalizeValue(field('enum', { options }), 'licitacion publica', 'es-AR')).toMatchObject({
      normalized: 'lic',
    });
    expect(normalizeValue(field('tax_id', { country: 'AR' }), '20-12345678-6', 'es-AR')).toMatchObject({
      comparable: '20123456786',
    });
  });

  it('returns stable error codes', () => {
    const code = (f: ScalarField, raw: string): string | undefined => {
      const r = normalizeValue(f, raw, 'es-AR');
      return r.ok ? undefined : r.code;
    };
    expect(code(field('number'), 'doce')).toBe('invalid_number');
    expect(code(field('date'), '31/02/2012')).toBe('invalid_date');
    expect(code(field('tax_id', { country: 'AR' }), '20123456785')).toBe('tax_id_check_digit');
    expect(code(field('text', { required: true }), '  ')).toBe('required');
    expect(code(field('text', { validation: { pattern: '^[A-Z]{3}-\\d+$' } }), 'abc')).toBe(
      'pattern_mismatch',
    );
    expect(code(field('money', { validation: { min: 0 } }), '-5')).toBe('below_min');
    expect(code(field('number', { validation: { max: '10' } }), '10,01')).toBe('above_max');
    expect(code(field('date', { validation: { minDate: '2010-01-01' } }), '1/1/2009')).toBe(
      'before_min_date',
    );
    expect(code(field('enum', { options: [{ value: 'a', label: 'A' }] }), 'b')).toBe('not_an_option');
    expect(code(field('boolean'), 'quizás')).toBe('invalid_boolean');
  });

  it('empty optional value is a null value, comparable ""', () => {
    expect(normalizeValue(field('number'), '', 'en')).toEqual({
      ok: true,
      raw: '',
      normalized: null,
      comparable: '',
    });
  });

  it('property: money normalisation is idempotent and the same in both locales for formatted input', () => {
    const money = field('money', { currency: 'ARS' });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (cents) => {
        const s = cents.toString().padStart(3, '0');
        const amount = `${s.slice(0, -2)}.${s.slice(-2)}`.replace(/^0+(?=\d)/, '');
        const en = normalizeValue(money, `$${amount.replace(/\B(?=(\d{3})+(?!\d)\.)/g, ',')}`, 'en');
        const es = normalizeValue(money, `$ ${amount.replace('.', ',')}`, 'es-AR');
        expect(en.ok && es.ok && en.comparable === es.comparable).toBe(true);
        if (en.ok && typeof en.normalized === 'object' && en.normalized) {
          const again = normalizeValue(money, en.normalized.amount, 'en');
          expect(again.ok && again.comparable).toBe(en.comparable);
        }
      }),
    );
  });
});
