import { describe, expect, it } from '@jest/globals';
import { retryOnDeadlock, sqlState } from './retry.js';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const wrapped = (code: string) => Object.assign(new Error('Failed query'), { cause: pgError(code) });

describe('retryOnDeadlock', () => {
  it('reads the SQLSTATE through wrapping errors', () => {
    expect(sqlState(wrapped('40P01'))).toBe('40P01');
    expect(sqlState(new Error('plain'))).toBeUndefined();
  });

  it('runs a deadlock victim again and returns its result', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(() => {
      calls++;
      return calls < 3 ? Promise.reject(wrapped('40P01')) : Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt and never retries other errors', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(() => {
        calls++;
        return Promise.reject(wrapped('40P01'));
      }, 2),
    ).rejects.toThrow('Failed query');
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      retryOnDeadlock(() => {
        calls++;
        return Promise.reject(wrapped('23505'));
      }),
    ).rejects.toThrow('Failed query');
    expect(calls).toBe(1);
  });
});
