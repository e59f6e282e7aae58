import { describe, expect, it } from '@jest/globals';
import { BatchPump } from './batch-pump.js';

interface Item {
  n: number;
  resolve: (value: number) => void;
  reject: (error: unknown) => void;
}

/** A pump whose batches end when the test says so. */
function pumpUnderTest(maxInFlight: number, maxBatch: number) {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  let running = 0;
  let most = 0;
  const pump = new BatchPump<Item>({
    maxInFlight,
    take: (queue) => queue.splice(0, maxBatch),
    run: (batch) => {
      batches.push(batch.map((i) => i.n));
      most = Math.max(most, ++running);
      return new Promise<void>((done) =>
        finish.push(() => {
          running--;
          for (const item of batch) item.resolve(item.n * 10);
          done();
        }),
      );
    },
  });
  const push = (n: number) => new Promise<number>((resolve, reject) => pump.push({ n, resolve, reject }));
  return { push, batches, finish, most: () => most };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchPump', () => {
  it('gathers one turn of the event loop into a batch and holds the rest while the limit runs', async () => {
    const t = pumpUnderTest(1, 3);
    const first = [1, 2].map(t.push);
    await turn();
    expect(t.batches).toEqual([[1, 2]]);
    // Arriving while the one allowed batch runs: they wait, and go together when it ends.
    const later = [3, 4, 5, 6].map(t.push);
    await turn();
    expect(t.batches).toHaveLength(1);
    t.finish.shift()!();
    expect(await Promise.all(first)).toEqual([10, 20]);
    await turn();
    expect(t.batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    t.finish.shift()!();
    await turn();
    expect(t.batches[2]).toEqual([6]);
    t.finish.shift()!();
    expect(await Promise.all(later)).toEqual([30, 40, 50, 60]);
    expect(t.most()).toBe(1);
  });

  it('runs up to maxInFlight batches at once', async () => {
    const t = pumpUnderTest(2, 1);
    const all = [1, 2, 3].map(t.push);
    await turn();
    expect(t.batches).toEqual([[1], [2]]);
    t.finish.shift()!();
    await turn();
    expect(t.batches).toEqual([[1], [2], [3]]);
    t.finish.splice(0).forEach((f) => f());
    expect(await Promise.all(all)).toEqual([10, 20, 30]);
    expect(t.most()).toBe(2);
  });

  it('rejects every item of a batch whose run throws, and goes on with the next', async () => {
    let calls = 0;
    const pump = new BatchPump<Item>({
      maxInFlight: 1,
      take: (queue) => queue.splice(0, 2),
      run: (batch) => {
        if (++calls === 1) return Promise.reject(new Error('boom'));
        for (const item of batch) item.resolve(item.n);
        return Promise.resolve();
      },
    });
    const push = (n: number) => new Promise<number>((resolve, reject) => pump.push({ n, resolve, reject }));
    const outcomes = await Promise.allSettled([push(1), push(2), push(3)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });

  it('calls started and ended around each batch', async () => {
    const seen: string[] = [];
    const pump = new BatchPump<Item>({
      maxInFlight: 1,
      take: (queue) => queue.splice(0, 5),
      run: (batch) => {
        seen.push('run');
        for (const item of batch) item.resolve(item.n);
        return Promise.resolve();
      },
      started: (batch) => seen.push(`started ${batch.length}`),
      ended: (batch) => seen.push(`ended ${batch.length}`),
    });
    await new Promise<number>((resolve, reject) => pump.push({ n: 1, resolve, reject }));
    await turn();
    expect(seen).toEqual(['started 1', 'run', 'ended 1']);
  });
});
