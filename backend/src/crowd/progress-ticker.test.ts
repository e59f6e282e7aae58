import { describe, expect, it } from '@jest/globals';
import type { ProjectProgress } from '../contracts/projects.js';
import { COST_SHARE, ProgressTicker } from './progress-ticker.js';

const counts: ProjectProgress = {
  documents: 1,
  documentsReady: 1,
  tasksTotal: 2,
  tasksComplete: 1,
  recordsVerified: 1,
  transcriptions: 3,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A ticker whose counts take `costMs` (the database is not what is tested here). */
function tickerWith(costMs: number, intervalMs: number) {
  const sent: { room: string; at: number }[] = [];
  const computed: string[][] = [];
  const ticker = new ProgressTicker(
    async (ids) => {
      computed.push(ids);
      await sleep(costMs);
      return new Map(ids.map((id) => [id, counts]));
    },
    { publish: (room) => sent.push({ room, at: performance.now() }) },
    intervalMs,
  );
  return { ticker, sent, computed };
}

describe('project progress ticker', () => {
  it('coalesces requests into one notice per project per interval', async () => {
    const { ticker, sent, computed } = tickerWith(0, 30);
    try {
      for (let i = 0; i < 5; i++) ticker.request('p1', 'one');
      ticker.request('p2', 'two');
      await sleep(100);
      expect(computed).toEqual([['p1', 'p2']]);
      expect(sent.map((s) => s.room).sort()).toEqual(['project:one', 'project:two']);
    } finally {
      await ticker.stop();
    }
  });

  it('stretches the interval to keep the counts under 1/COST_SHARE of the time', async () => {
    const { ticker, sent } = tickerWith(30, 10);
    try {
      ticker.request('p1', 'one');
      while (sent.length < 1) await sleep(5);
      await sleep(5);
      expect(ticker.delayMs).toBeGreaterThanOrEqual(COST_SHARE * 30 * 0.9);
      // Asked again at once: the next notice waits the stretched delay, not the base interval.
      const first = sent[0]!.at;
      ticker.request('p1', 'one');
      await sleep(250);
      expect(sent).toHaveLength(1);
      while (sent.length < 2) await sleep(10);
      expect(sent[1]!.at - first).toBeGreaterThanOrEqual(COST_SHARE * 30 * 0.9);
    } finally {
      await ticker.stop();
    }
  });

  it('sends what is pending when it stops', async () => {
    const { ticker, sent } = tickerWith(0, 60_000);
    ticker.request('p1', 'one');
    await ticker.stop();
    expect(sent.map((s) => s.room)).toEqual(['project:one']);
  });
});
