/**
 * Checks the committed fixtures: `npx tsx tests/fixtures-generator/verify.ts` (exit 1 on any problem).
 * Also importable: `verifyFixtures(dir)` returns the list of problems (empty = all good).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isValidCuit } from './cuit.js';
import { openPdf, pageText, pdfjs } from './pdfjs.js';
import { loadTruth, sumDecimals, type Truth } from './truth.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_FIXTURES_DIR = resolve(here, '..', '..', 'fixtures');
const MAX_SCAN_PAGE_BYTES = 400 * 1024;
const MAX_TOTAL_BYTES = 8 * 1024 * 1024;

async function truthFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.truth.json')).sort();
  } catch {
    return [];
  }
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

/** What pdfjs says about a file: pages, or the exception name. */
export async function probe(
  bytes: Uint8Array,
  password?: string,
): Promise<{ pages?: number; error?: string; code?: number }> {
  const task = openPdf(bytes, password);
  try {
    const doc = await task.promise;
    // Touch every page so lazily-detected damage shows up.
    for (let n = 1; n <= doc.numPages; n++) await (await doc.getPage(n)).getTextContent();
    return { pages: doc.numPages };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return { error: errorName(e), ...(typeof code === 'number' ? { code } : {}) };
  } finally {
    await task.destroy();
  }
}

function checkTruthConsistency(t: Truth, where: string, problems: string[]): void {
  if (t.items.length === 0) problems.push(`${where}: no items`);
  const sum = sumDecimals(t.items.map((i) => i.importe));
  if (sum !== t.total) problems.push(`${where}: items sum ${sum} != total ${t.total}`);
  if (t.fields.total !== undefined && t.fields.total !== t.total)
    problems.push(`${where}: fields.total != total`);
  for (const [i, item] of t.items.entries()) {
    if (item.moneda !== t.moneda)
      problems.push(`${where}: items[${i}] currency ${item.moneda} != ${t.moneda}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(item.fecha)) problems.push(`${where}: items[${i}].fecha not ISO`);
    if (!/^\d+\.\d{2}$/.test(item.importe)) problems.push(`${where}: items[${i}].importe not decimal`);
    if (t.language === 'es' && (item.cuit === null || !isValidCuit(item.cuit))) {
      problems.push(`${where}: items[${i}].cuit invalid: ${String(item.cuit)}`);
    }
  }
  t.pages.forEach((p, i) => {
    if (p.number !== i + 1) problems.push(`${where}: pages[${i}].number = ${p.number}`);
  });
}

async function verifyDocuments(
  dir: string,
  scanned: boolean,
  problems: string[],
  root: string,
): Promise<number> {
  let count = 0;
  for (const tf of await truthFiles(dir)) {
    count++;
    const where = join(dir, tf).slice(root.length + 1);
    let truth: Truth;
    try {
      truth = await loadTruth(join(dir, tf));
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
      continue;
    }
    const name = tf.slice(0, -'.truth.json'.length);
    if (truth.document !== name) problems.push(`${where}: document "${truth.document}" != file name`);
    if (truth.scanned !== scanned) problems.push(`${where}: scanned should be ${scanned}`);
    checkTruthConsistency(truth, where, problems);
    if (scanned) {
      if (!truth.source) problems.push(`${where}: scanned copy without source`);
      else {
        const src = await loadTruth(join(dir, '..', 'born-digital', `${truth.source}.truth.json`));
        if (JSON.stringify(src.pages) !== JSON.stringify(truth.pages))
          problems.push(`${where}: pages differ from source`);
        if (JSON.stringify(src.items) !== JSON.stringify(truth.items))
          problems.push(`${where}: items differ from source`);
      }
    }
    const pdfPath = join(dir, `${name}.pdf`);
    const bytes = new Uint8Array(await readFile(pdfPath));
    const task = openPdf(bytes);
    try {
      const doc = await task.promise;
      if (doc.numPages !== truth.pages.length) {
        problems.push(`${where}: PDF has ${doc.numPages} pages, truth ${truth.pages.length}`);
      }
      for (let n = 1; n <= Math.min(doc.numPages, truth.pages.length); n++) {
        const page = await doc.getPage(n);
        const { text, items } = await pageText(page);
        if (scanned) {
          if (items !== 0) problems.push(`${where}: scanned page ${n} has ${items} text items`);
          const ops = await page.getOperatorList();
          const images = ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject).length;
          if (images !== 1) problems.push(`${where}: scanned page ${n} has ${images} images (want 1)`);
        } else {
          const want = truth.pages[n - 1]?.text ?? '';
          if (text !== want) {
            const a = text.split('\n');
            const b = want.split('\n');
            const k = a.findIndex((l, i) => l !== b[i]);
            problems.push(
              `${where}: page ${n} text differs at line ${k + 1}: got ${JSON.stringify(a[k])} want ${JSON.stringify(b[k])}`,
            );
          }
        }
        page.cleanup();
      }
      if (scanned && bytes.length / Math.max(1, doc.numPages) > MAX_SCAN_PAGE_BYTES) {
        problems.push(`${where}: ${bytes.length} bytes for ${doc.numPages} page(s) (> 400 KB per page)`);
      }
    } catch (e) {
      problems.push(`${where}: pdfjs failed: ${errorName(e)} ${(e as Error).message}`);
    } finally {
      await task.destroy();
    }
  }
  return count;
}

async function verifyBad(dir: string, problems: string[]): Promise<void> {
  const read = async (f: string): Promise<Uint8Array> => new Uint8Array(await readFile(join(dir, f)));
  const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;
  for (const f of Object.keys(expected)) {
    try {
      await stat(join(dir, f));
    } catch {
      problems.push(`bad/${f}: missing`);
    }
  }

  const text = await read('text-file.pdf');
  if (Buffer.from(text.subarray(0, 5)).toString('latin1') === '%PDF-')
    problems.push('bad/text-file.pdf: has a PDF header');
  const textProbe = await probe(text);
  if (textProbe.error !== 'InvalidPDFException')
    problems.push(`bad/text-file.pdf: pdfjs said ${JSON.stringify(textProbe)}`);

  const enc = await read('encrypted.pdf');
  const encProbe = await probe(enc);
  if (encProbe.error !== 'PasswordException' || encProbe.code !== pdfjs.PasswordResponses.NEED_PASSWORD) {
    problems.push(
      `bad/encrypted.pdf: expected PasswordException NEED_PASSWORD, got ${JSON.stringify(encProbe)}`,
    );
  }
  const wrong = await probe(enc, 'wrong');
  if (wrong.error !== 'PasswordException' || wrong.code !== pdfjs.PasswordResponses.INCORRECT_PASSWORD) {
    problems.push(`bad/encrypted.pdf: wrong password gave ${JSON.stringify(wrong)}`);
  }
  const task = openPdf(enc, 'cotejo');
  try {
    const doc = await task.promise;
    const { text: t } = await pageText(await doc.getPage(1));
    if (!t.includes('Documento confidencial'))
      problems.push(`bad/encrypted.pdf: decrypted text is ${JSON.stringify(t)}`);
  } catch (e) {
    problems.push(`bad/encrypted.pdf: does not open with its password: ${errorName(e)}`);
  } finally {
    await task.destroy();
  }

  const zero = await read('zero-pages.pdf');
  const zeroSrc = Buffer.from(zero).toString('latin1');
  if (!zeroSrc.includes('/Count 0') || !zeroSrc.includes('/Kids []'))
    problems.push('bad/zero-pages.pdf: page tree not empty');
  const zeroProbe = await probe(zero);
  if (zeroProbe.pages !== 0)
    problems.push(`bad/zero-pages.pdf: pdfjs said ${JSON.stringify(zeroProbe)} (want 0 pages)`);

  const bomb = await read('page-bomb.pdf');
  const bombTask = openPdf(bomb);
  try {
    const doc = await bombTask.promise;
    const page = await doc.getPage(1);
    if (doc.numPages !== 1 || page.view.join(' ') !== '0 0 14400 14400') {
      problems.push(`bad/page-bomb.pdf: ${doc.numPages} pages, view ${page.view.join(' ')}`);
    }
  } catch (e) {
    problems.push(`bad/page-bomb.pdf: pdfjs failed ${errorName(e)}`);
  } finally {
    await bombTask.destroy();
  }

  const trunc = Buffer.from(await read('truncated.pdf')).toString('latin1');
  if (!trunc.startsWith('%PDF-') || trunc.includes('%%EOF') || trunc.includes('startxref')) {
    problems.push('bad/truncated.pdf: should start like a PDF and have no trailer');
  }
  const truncProbe = await probe(await read('truncated.pdf'));
  if (truncProbe.error === undefined)
    problems.push(`bad/truncated.pdf: pdfjs opened it (${truncProbe.pages} pages)`);
  const notReally = Buffer.from(await read('not-really.pdf')).toString('latin1');
  if (!notReally.startsWith('%PDF-1.7') || notReally.includes(' obj'))
    problems.push('bad/not-really.pdf: unexpected content');
  const nrProbe = await probe(await read('not-really.pdf'));
  if (nrProbe.error === undefined)
    problems.push(`bad/not-really.pdf: pdfjs opened it (${nrProbe.pages} pages)`);
}

async function totalSize(dir: string): Promise<number> {
  let sum = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    sum += e.isDirectory() ? await totalSize(p) : (await stat(p)).size;
  }
  return sum;
}

export async function verifyFixtures(dir = DEFAULT_FIXTURES_DIR): Promise<string[]> {
  const problems: string[] = [];
  const born = await verifyDocuments(join(dir, 'born-digital'), false, problems, dir);
  const scanned = await verifyDocuments(join(dir, 'scanned'), true, problems, dir);
  if (born < 6) problems.push(`only ${born} born-digital documents`);
  if (scanned < 3) problems.push(`only ${scanned} scanned documents`);
  await verifyBad(join(dir, 'bad'), problems);
  const size = await totalSize(dir);
  if (size > MAX_TOTAL_BYTES) problems.push(`fixtures total ${size} bytes > 8 MB`);
  return problems;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_FIXTURES_DIR;
  const problems = await verifyFixtures(dir);
  for (const p of problems) console.error(`FAIL ${p}`);
  console.log(problems.length === 0 ? `fixtures OK (${dir})` : `${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
