import { describe, expect, it } from '@jest/globals';
import { fixturesDir } from '../testing/pdfs.js';
import { benchBornDigital } from './born-digital.js';
import { loadFixtures } from './fixtures.js';

const dir = fixturesDir();

(dir ? describe : describe.skip)('the born-digital benchmark', () => {
  const fixture = loadFixtures(dir ?? '', 'born-digital').find((f) => f.pages.length === 1)!;

  it.each([false, true])(
    'counts every page and its CPU (processes: %s)',
    async (processes) => {
      const run = await benchBornDigital([fixture.pdfPath], 2, 2, undefined, { processes });
      expect(run.mode).toBe(processes ? 'processes' : 'threads');
      expect(run.pages).toBe(4); // 2 runners × 2 rounds × 1 page
      expect(run.pagesPerSecond).toBeGreaterThan(0);
      // A page's text layer, render and WebP cost milliseconds, never nothing: the runners' CPU counts.
      expect(run.cpuMsPerPage).toBeGreaterThan(5);
    },
    60_000,
  );
});
