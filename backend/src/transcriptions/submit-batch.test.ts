import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { takeBatch } from './submit-batch.js';

const item = (taskId: string, n: number) => ({ taskId, n });

describe('takeBatch', () => {
  it('takes the oldest submission of each task, and leaves a task’s next one queued in order', () => {
    const queue = [item('a', 1), item('b', 2), item('a', 3), item('c', 4), item('b', 5)];
    expect(takeBatch(queue, new Set(), 10).map((i) => i.n)).toEqual([1, 2, 4]);
    expect(queue.map((i) => i.n)).toEqual([3, 5]);
  });

  it('leaves alone a task that a transaction in flight is storing', () => {
    const queue = [item('a', 1), item('b', 2), item('c', 3)];
    expect(takeBatch(queue, new Set(['a', 'c']), 10).map((i) => i.n)).toEqual([2]);
    expect(queue.map((i) => i.n)).toEqual([1, 3]);
  });

  it('takes at most `max`', () => {
    const queue = [item('a', 1), item('b', 2), item('c', 3)];
    expect(takeBatch(queue, new Set(), 2).map((i) => i.n)).toEqual([1, 2]);
    expect(queue.map((i) => i.n)).toEqual([3]);
  });

  it('loses nothing, keeps order, and takes every submission it may (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 40 }),
        fc.subarray(['a', 'b', 'c', 'd', 'e', 'f']),
        fc.integer({ min: 1, max: 8 }),
        (tasks, busyTasks, max) => {
          const original = tasks.map((t, n) => item(t, n));
          const queue = [...original];
          const busy = new Set(busyTasks);
          const batch = takeBatch(queue, busy, max);
          const taken = new Set(batch.map((i) => i.taskId));
          expect(batch.length).toBeLessThanOrEqual(max);
          expect(taken.size).toBe(batch.length);
          expect(batch.every((i) => !busy.has(i.taskId))).toBe(true);
          // Together they are the queue as it was, each part in its old order.
          expect([...batch, ...queue].sort((x, y) => x.n - y.n)).toEqual(original);
          expect(queue.map((i) => i.n)).toEqual([...queue.map((i) => i.n)].sort((x, y) => x - y));
          expect(batch.map((i) => i.n)).toEqual([...batch.map((i) => i.n)].sort((x, y) => x - y));
          // Whatever stayed could not go: its task is busy or taken, or the batch is full.
          for (const left of queue)
            expect(busy.has(left.taskId) || taken.has(left.taskId) || batch.length === max).toBe(true);
          // Each task's oldest eligible submission is the one taken.
          for (const chosen of batch)
            expect(original.find((i) => i.taskId === chosen.taskId)!.n).toBe(chosen.n);
        },
      ),
    );
  });
});
