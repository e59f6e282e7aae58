// Born-digital part of the pipeline benchmark only:
// npx tsx ocr/scripts/bench-born-digital.ts [threads] [rounds] [displayDpi]
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchBornDigital } from '../src/bench/born-digital.js';
import { loadFixtures } from '../src/bench/fixtures.js';

const files = loadFixtures(resolve('fixtures'), 'born-digital').map((f) => f.pdfPath);
console.log(
  JSON.stringify({
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    displayDpi: process.argv[4] ? Number(process.argv[4]) : 'default',
    ...(await benchBornDigital(
      files,
      Number(process.argv[2] ?? 2),
      Number(process.argv[3] ?? 2),
      process.argv[4] ? Number(process.argv[4]) : undefined,
    )),
  }),
);
