import { describe, expect, it } from '@jest/globals';
import { recordSummaryText } from './records';

describe('recordSummaryText', () => {
  it('prefers the event summary', () => {
    expect(recordSummaryText({ id: 'r', summary: { a: 'ACME', b: null, c: '12.50' } })).toBe('ACME · 12.50');
  });

  it('reads money sent as JSON text in an event summary', () => {
    expect(recordSummaryText({ id: 'r', summary: { total: '{"amount":"1234.56","currency":"ARS"}' } })).toBe(
      '1234.56 ARS',
    );
  });

  it('reads public values, money included, and skips tables', () => {
    const values = {
      proveedor: 'ACME',
      total: { amount: '1234.56', currency: 'ARS' },
      items: [{ x: '1' }],
      n: 3,
    };
    expect(recordSummaryText({ id: 'r', values })).toBe('ACME · 1234.56 ARS · 3');
  });
});
