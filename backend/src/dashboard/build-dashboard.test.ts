import { describe, expect, it } from '@jest/globals';
import { agreementByField, minuteSeries } from './build-dashboard.js';

describe('dashboard aggregates', () => {
  it('folds statuses into shares per field, hardest first', () => {
    const rows = [
      { path: 'total', status: 'verified', count: 1 },
      { path: 'total', status: 'needs_review', count: 1 },
      { path: 'fecha', status: 'verified', count: 3 },
      { path: 'fecha', status: 'reviewed', count: 1 },
      { path: 'items[].importe', status: 'pending', count: 2 },
    ];
    expect(agreementByField(rows)).toEqual([
      {
        fieldPath: 'total',
        total: 2,
        verified: 1,
        disputed: 1,
        pending: 0,
        verifiedShare: 0.5,
        disputedShare: 0.5,
      },
      {
        fieldPath: 'fecha',
        total: 4,
        verified: 4,
        disputed: 0,
        pending: 0,
        verifiedShare: 1,
        disputedShare: 0,
      },
      {
        fieldPath: 'items[].importe',
        total: 2,
        verified: 0,
        disputed: 0,
        pending: 2,
        verifiedShare: 0,
        disputedShare: 0,
      },
    ]);
  });

  it('zero-fills sixty minutes ending with the current one', () => {
    const now = new Date('2026-03-01T10:30:45Z');
    const current = Math.floor(now.getTime() / 60_000);
    const series = minuteSeries(
      new Map([
        [current, 4],
        [current - 59, 1],
        [current - 60, 9],
      ]),
      now,
    );
    expect(series).toHaveLength(60);
    expect(series[0]).toEqual({ at: '2026-03-01T09:31:00.000Z', count: 1 });
    expect(series[59]).toEqual({ at: '2026-03-01T10:30:00.000Z', count: 4 });
    expect(series.reduce((s, p) => s + p.count, 0)).toBe(5);
  });
});
