// Golden tests over fixtures/: each tests/golden/<case>/case.json names an input and says why it
// matters; expected/ holds the reviewed output. Regenerate with
//   UPDATE_GOLDEN=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/golden && npx prettier --write tests/golden
// then review `git diff tests/golden` before committing. OCR cases compare by word error rate.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  createOcrPool,
  openPdf,
  preflightPdf,
  PipelineError,
  wordErrorRate,
  type OcrEngine,
  type PageResult,
} from '@cotejo/ocr';
import { snapshotPage, type GoldenCase, type PageSnapshot } from './snapshot.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../..');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(here, entry.name, 'case.json')))
  .map((entry) => entry.name)
  .sort();

let pool: OcrEngine | undefined;
const ocr = (): OcrEngine => (pool ??= createOcrPool({ size: 2, engine: 'tesseractjs' }));
afterAll(() => pool?.close());

async function processAll(input: string, languages: GoldenCase['languages']): Promise<PageResult[]> {
  const pdf = await openPdf(readFileSync(join(repoRoot, input)));
  try {
    const pages: PageResult[] = [];
    for (let n = 1; n <= pdf.pageCount; n++)
      pages.push(await pdf.processPage(n, { languages: languages ?? 'spa', ocr: ocr() }));
    return pages;
  } finally {
    await pdf.close();
  }
}

async function refusalCodes(dir: string): Promise<Record<string, string>> {
  const codes: Record<string, string> = {};
  for (const file of readdirSync(join(repoRoot, dir))
    .filter((f) => f.endsWith('.pdf'))
    .sort()) {
    codes[file] = await preflightPdf(readFileSync(join(repoRoot, dir, file)), { maxPages: 2000 }).then(
      () => 'accepted',
      (error: unknown) => (error instanceof PipelineError ? error.code : `unexpected: ${String(error)}`),
    );
  }
  return codes;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function writeExpected(dir: string, files: Record<string, unknown>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, value] of Object.entries(files))
    writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
}

describe.each(cases)('golden %s', (name) => {
  const spec = readJson<GoldenCase>(join(here, name, 'case.json'));
  const expectedDir = join(here, name, 'expected');

  it(
    spec.why.slice(0, 80),
    async () => {
      expect(spec.why.length).toBeGreaterThan(20);
      if (spec.compare === 'codes') {
        const codes = await refusalCodes(spec.input);
        if (update) return writeExpected(expectedDir, { 'codes.json': codes });
        expect(codes).toEqual(readJson(join(expectedDir, 'codes.json')));
        return;
      }
      const pages = (await processAll(spec.input, spec.languages)).map(snapshotPage);
      if (update)
        return writeExpected(expectedDir, Object.fromEntries(pages.map((p) => [`page-${p.number}.json`, p])));
      const expectedFiles = readdirSync(expectedDir).filter((f) => f.startsWith('page-'));
      expect(pages).toHaveLength(expectedFiles.length);
      for (const page of pages)
        comparePage(spec, page, readJson<PageSnapshot>(join(expectedDir, `page-${page.number}.json`)));
    },
    180_000,
  );
});

function comparePage(spec: GoldenCase, actual: PageSnapshot, expected: PageSnapshot): void {
  expect(actual.source).toBe(expected.source);
  if (spec.compare === 'exact') {
    expect(actual).toEqual(expected);
    return;
  }
  if (typeof spec.compare !== 'object') throw new Error(`unknown compare mode in ${spec.input}`);
  expect(wordErrorRate(expected.text, actual.text)).toBeLessThanOrEqual(spec.compare.werTolerance);
  const truthFile = join(repoRoot, spec.input.replace(/\.pdf$/, '.truth.json'));
  if (spec.compare.maxWerAgainstTruth !== undefined && existsSync(truthFile)) {
    const truth = readJson<{ pages: { number: number; text: string }[] }>(truthFile).pages.find(
      (p) => p.number === actual.number,
    );
    expect(wordErrorRate(truth?.text ?? '', actual.text)).toBeLessThanOrEqual(
      spec.compare.maxWerAgainstTruth,
    );
  }
}
