// Born-digital part of the pipeline benchmark only:
// npx tsx ocr/scripts/bench-born-digital.ts [threads] [rounds] [displayDpi|default] [--processes]
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchBornDigital } from '../src/bench/born-digital.js';
import { loadFixtures } from '../src/bench/fixtures.js';

const args = process.argv.slice(2).filter((arg) => arg !== '--processes');
const dpi = args[2] && args[2] !== 'default' ? Number(args[2]) : undefined;
const files = loadFixtures(resolve('fixtures'), 'born-digital').map((f) => f.pdfPath);
console.log(
  JSON.stringify({
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    displayDpi: dpi ?? 'default',
    ...(await benchBornDigital(files, Number(args[0] ?? 2), Number(args[1] ?? 2), dpi, {
      processes: process.argv.includes('--processes'),
    })),
  }),
);
