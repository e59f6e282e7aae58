import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  addDecimals,
  canonicalDecimal,
  compareDecimals,
  formatDecimal,
  subtractDecimals,
  sumDecimals,
  toFixedDecimal,
} from './decimal.js';
import { parseDecimal, parseMoney } from './number.js';

const decimalArb = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 4 }))
  .map(([neg, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const s = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return canonicalDecimal(neg ? `-${s}` : s);
  });

describe('decimal arithmetic', () => {
  it('adds without float drift', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(sumDecimals(['1234.56', '0.44', '-1235'])).toBe('0');
    expect(subtractDecimals('10', '0.01')).toBe('9.99');
    expect(sumDecimals([])).toBe('0');
  });

  it('canonicalises and compares', () => {
    expect(canonicalDecimal('007.500')).toBe('7.5');
    expect(canonicalDecimal('-0.00')).toBe('0');
    expect(compareDecimals('1.10', '1.1')).toBe(0);
    expect(compareDecimals('-2', '1')).toBe(-1);
    expect(toFixedDecimal('5', 2)).toBe('5.00');
    expect(toFixedDecimal('1.5', 2)).toBe('1.50');
    expect(toFixedDecimal('0.125', 2)).toBe('0.125');
  });

  it('formats per locale', () => {
    expect(formatDecimal('-1234567.5', 'es-AR')).toBe('-1.234.567,5');
    expect(formatDecimal('1234567.5', 'en')).toBe('1,234,567.5');
  });

  it('property: a + b - b = a and addition commutes', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        expect(subtractDecimals(addDecimals(a, b), b)).toBe(a);
        expect(addDecimals(a, b)).toBe(addDecimals(b, a));
      }),
    );
  });
});

describe('parseDecimal', () => {
  it.each([
    ['1.234,56', 'es-AR', '1234.56'],
    ['1,234.56', 'es-AR', '1234.56'],
    ['1.234', 'es-AR', '1234'],
    ['1.234', 'en', '1.234'],
    ['1,234', 'en', '1234'],
    ['1,234', 'es-AR', '1.234'],
    ['12,5', 'en', '12.5'],
    ['1.5', 'es-AR', '1.5'],
    ['1.234.567', 'en', '1234567'],
    ['1 234 567,89', 'es-AR', '1234567.89'],
    ['(1.234,50)', 'es-AR', '-1234.5'],
    ['-12', 'en', '-12'],
    ['0,123', 'en', '0.123'],
    ['007', 'en', '7'],
  ])('%s in %s is %s', (raw, locale, expected) => {
    expect(parseDecimal(raw, locale)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'abc', '1.2.3,4,5', '1,23.45', '--1', '(-1)', '1.2,3.4'])('rejects %j', (raw) => {
    expect(parseDecimal(raw, 'es-AR').ok).toBe(false);
  });

  it('property: formatting a decimal then parsing returns it, in every locale', () => {
    fc.assert(
      fc.property(decimalArb, fc.constantFrom('es-AR', 'en'), fc.boolean(), (d, locale, grouping) => {
        expect(parseDecimal(formatDecimal(d, locale, grouping), locale)).toEqual({ ok: true, value: d });
      }),
    );
  });

  it('property: idempotent on canonical output (read with a decimal point)', () => {
    fc.assert(
      fc.property(decimalArb, (d) => {
        expect(parseDecimal(d, 'en')).toEqual({ ok: true, value: d });
      }),
    );
  });

  it('property: locale-consistent when both separators are present', () => {
    fc.assert(
      fc.property(
        decimalArb.filter((d) => d.includes('.') && /\d{4}/.test(d)),
        (d) => {
          const es = parseDecimal(formatDecimal(d, 'es-AR'), 'en');
          const en = parseDecimal(formatDecimal(d, 'en'), 'es-AR');
          expect(es).toEqual({ ok: true, value: d });
          expect(en).toEqual({ ok: true, value: d });
        },
      ),
    );
  });
});

describe('parseMoney', () => {
  it.each([
    ['$ 1.234,56', 'es-AR', 'ARS', { ok: true, value: '1234.56', currency: 'ARS' }],
    ['US$ 1.234,5', 'es-AR', 'ARS', { ok: true, value: '1234.50', currency: 'USD' }],
    ['1234.5 USD', 'en', undefined, { ok: true, value: '1234.50', currency: 'USD' }],
    ['€12', 'en', undefined, { ok: true, value: '12.00', currency: 'EUR' }],
    ['GHS 1,000.00', 'en', undefined, { ok: true, value: '1000.00', currency: 'GHS' }],
    ['ARS (500)', 'es-AR', undefined, { ok: true, value: '-500.00', currency: 'ARS' }],
    ['$12', 'en', undefined, { ok: true, value: '12.00' }],
  ])('%s', (raw, locale, currency, expected) => {
    expect(parseMoney(raw, locale, currency)).toEqual(expected);
  });

  it('rejects letters', () => {
    expect(parseMoney('12 pesos', 'es-AR').ok).toBe(false);
  });
});
