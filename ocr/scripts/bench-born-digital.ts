// Born-digital part of the pipeline benchmark only: npx tsx ocr/scripts/bench-born-digital.ts [threads] [rounds]
import { resolve } from 'node:path';
import { benchBornDigital } from '../src/bench/born-digital.js';
import { loadFixtures } from '../src/bench/fixtures.js';

const files = loadFixtures(resolve('fixtures'), 'born-digital').map((f) => f.pdfPath);
console.log(
  JSON.stringify(await benchBornDigital(files, Number(process.argv[2] ?? 2), Number(process.argv[3] ?? 2))),
);
