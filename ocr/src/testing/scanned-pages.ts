import { expect, it } from '@jest/globals';
import { loadFixtures } from '../bench/fixtures.js';
import { loadScannedSamples, type OcrSample } from '../bench/scanned.js';
import { fixturesDir } from './pdfs.js';

/**
 * A test over every scanned fixture page, as the pipeline hands it to OCR. Skipped where the
 * repository's fixtures/ is absent (the installed package); an empty fixture set fails it.
 */
export function itOnScannedPages(
  name: string,
  check: (samples: OcrSample[]) => Promise<void>,
  timeout = 60_000,
): void {
  const dir = fixturesDir();
  (dir ? it : it.skip)(
    name,
    async () => {
      const samples = await loadScannedSamples(loadFixtures(dir!, 'scanned'));
      expect(samples.length).toBeGreaterThan(0);
      await check(samples);
    },
    timeout,
  );
}
