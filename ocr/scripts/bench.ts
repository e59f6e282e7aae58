// Pipeline benchmark: npx tsx ocr/scripts/bench.ts [--json] [--rounds N] [--scanned-pages N] [--scanned-rounds N]
// Run from the repository root; reads fixtures/ and ../shared/real-docs (never copied into the repo).
import { resolve } from 'node:path';
import { benchPipeline } from '../src/bench/index.js';

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const result = await benchPipeline({
  fixturesDir: resolve('fixtures'),
  realDocsDir: resolve('../shared/real-docs'),
  json: args.includes('--json'),
  rounds: option('--rounds'),
  scannedPageLimit: option('--scanned-pages'),
  scannedRounds: option('--scanned-rounds'),
});
console.log(JSON.stringify(result, null, 2));
