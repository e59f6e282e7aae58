import { describe, expect, it } from '@jest/globals';
import { compareDecimal, formatDecimal, parseDecimal } from './numbers';
import { cuitStatus, formatCuit } from './cuit';
import { parseDayFirstDate } from './dates';

describe('parseDecimal', () => {
  it.each([
    ['$ 1.234,56', 'es-AR', '1234.56'],
    ['1,234.56', 'en', '1234.56'],
    ['12,5', 'es-AR', '12.5'],
    ['1.500', 'es-AR', '1500'],
    ['1.500', 'en', '1.500'],
    ['(1.234,00)', 'es-AR', '-1234.00'],
    ['US$ 12', 'en', '12'],
    ['1.234.567', 'es-AR', '1234567'],
  ])('%s in %s → %s', (raw, locale, expected) => {
    expect(parseDecimal(raw, locale)).toBe(expected);
  });

  it.each(['abc', '1,2,3,4', '', '1.2.3,4.5'])('refuses %s', (raw) => {
    expect(parseDecimal(raw, 'es-AR')).toBeNull();
  });

  it('formats and compares without floats', () => {
    expect(formatDecimal('1234567.5', 'es-AR', 2)).toBe('1.234.567,50');
    expect(formatDecimal('1234.5', 'en')).toBe('1,234.5');
    expect(compareDecimal('10.5', '9.99')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('2.50', '2.5')).toBe(0);
  });
});

describe('CUIT and dates', () => {
  it('checks the CUIT digit as it is typed', () => {
    expect(cuitStatus('')).toBe('empty');
    expect(cuitStatus('30-7123')).toBe('incomplete');
    expect(cuitStatus('30-71234567-1')).toBe('valid');
    expect(cuitStatus('30712345672')).toBe('bad_check_digit');
    expect(cuitStatus('30-ABC')).toBe('malformed');
    expect(formatCuit('30712345671')).toBe('30-71234567-1');
  });

  it('reads day-first dates', () => {
    expect(parseDayFirstDate('15/03/2024')).toBe('2024-03-15');
    expect(parseDayFirstDate('1-2-24')).toBe('2024-02-01');
    expect(parseDayFirstDate('2024-03-15')).toBe('2024-03-15');
    expect(parseDayFirstDate('31/02/2024')).toBeNull();
  });
});
