/**
 * Deterministic fixture generator: `npm run fixtures` (from the root or tests/).
 * Writes fixtures/born-digital, fixtures/scanned, fixtures/bad and fixtures/manifest.json,
 * then runs the verifier. Same code + same dependency versions ⇒ byte-identical output.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encryptedPdf, notReallyPdf, pageBombPdf, textFilePdf, truncated, zeroPagesPdf } from './bad.js';
import { contractAwards, EN_SUPPLIERS, spanishReport, type GeneratedDocument } from './documents.js';
import { scanCopy } from './scan.js';
import type { Truth } from './truth.js';
import { verifyFixtures } from './verify.js';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = resolve(here, '..', '..', 'fixtures');

const day = (y: number, m: number, d: number): { y: number; m: number; d: number } => ({ y, m, d });
const at = (iso: string): Date => new Date(`${iso}T12:00:00Z`);

const SANTA_INES = 'Provincia de Santa Inés del Valle';

async function bornDigital(): Promise<GeneratedDocument[]> {
  return [
    await spanishReport({
      name: 'rendicion-legislatura-2024-03',
      seed: 'cotejo-fixtures/rendicion-legislatura-2024-03',
      organismo: `Honorable Legislatura de la ${SANTA_INES}`,
      personLabel: 'Legisladora',
      funcionario: 'Mariela Quiroga Ibáñez',
      cargo: 'Legisladora provincial, Bloque Frente Serrano',
      from: day(2024, 3, 1),
      to: day(2024, 3, 31),
      fecha: day(2024, 4, 5),
      expediente: 'HL-4512/2024',
      items: 12,
      created: at('2024-04-05'),
    }),
    await spanishReport({
      name: 'rendicion-ministerio-salud-2024-t2',
      seed: 'cotejo-fixtures/rendicion-ministerio-salud-2024-t2',
      organismo: `Ministerio de Salud de la ${SANTA_INES}`,
      personLabel: 'Funcionario',
      funcionario: 'Joaquín Peñaloza Vidal',
      cargo: 'Director General de Administración',
      from: day(2024, 4, 1),
      to: day(2024, 6, 30),
      fecha: day(2024, 7, 12),
      expediente: 'MS-00871/2024',
      items: 45,
      created: at('2024-07-12'),
    }),
    await spanishReport({
      name: 'rendicion-legislatura-2024-07',
      seed: 'cotejo-fixtures/rendicion-legislatura-2024-07',
      organismo: `Honorable Legislatura de la ${SANTA_INES}`,
      personLabel: 'Legislador',
      funcionario: 'Héctor Agüero Sanabria',
      cargo: 'Legislador provincial, Bloque Unión Cordillerana',
      from: day(2024, 7, 1),
      to: day(2024, 7, 31),
      fecha: day(2024, 8, 6),
      expediente: 'HL-6098/2024',
      items: 96,
      created: at('2024-08-06'),
    }),
    await spanishReport({
      name: 'rendicion-concejo-2023-11',
      seed: 'cotejo-fixtures/rendicion-concejo-2023-11',
      organismo: 'Concejo Deliberante de Puerto Almagro',
      personLabel: 'Concejala',
      funcionario: 'Lucía Fernández Urquiza',
      cargo: 'Concejala, Presidenta de la Comisión de Hacienda',
      from: day(2023, 11, 1),
      to: day(2023, 11, 30),
      fecha: day(2023, 12, 4),
      expediente: 'CD-311/2023',
      items: 8,
      created: at('2023-12-04'),
    }),
    await contractAwards({
      name: 'contract-awards-crda-2024-q1',
      seed: 'cotejo-fixtures/contract-awards-crda-2024-q1',
      entity: 'Coastal Regional Development Authority',
      country: 'Ghana',
      currency: 'GHS',
      suppliers: EN_SUPPLIERS.GH,
      from: day(2024, 1, 1),
      to: day(2024, 3, 31),
      published: day(2024, 4, 15),
      reference: 'CRDA/PU/2024/Q1',
      contractPrefix: 'CRDA/2024',
      items: 14,
      created: at('2024-04-15'),
    }),
    await contractAwards({
      name: 'contract-awards-mpi-2023',
      seed: 'cotejo-fixtures/contract-awards-mpi-2023',
      entity: 'Ministry of Public Infrastructure',
      country: 'Republic of Lindora',
      currency: 'USD',
      suppliers: EN_SUPPLIERS.US,
      from: day(2023, 1, 1),
      to: day(2023, 12, 31),
      published: day(2024, 1, 22),
      reference: 'MPI/PROC/2023/ANNUAL',
      contractPrefix: 'MPI/W/23',
      items: 60,
      created: at('2024-01-22'),
    }),
    await contractAwards({
      name: 'contract-awards-dhd-2024-h1',
      seed: 'cotejo-fixtures/contract-awards-dhd-2024-h1',
      entity: 'Akropong District Health Directorate',
      country: 'Ghana',
      currency: 'GHS',
      suppliers: EN_SUPPLIERS.GH,
      from: day(2024, 1, 1),
      to: day(2024, 6, 30),
      published: day(2024, 7, 8),
      reference: 'ADHD/PU/2024/H1',
      contractPrefix: 'ADHD/24',
      items: 9,
      created: at('2024-07-08'),
    }),
  ];
}

/** Born-digital documents that also get a scanned copy. */
const SCANNED = [
  'rendicion-legislatura-2024-03',
  'rendicion-ministerio-salud-2024-t2',
  'contract-awards-crda-2024-q1',
  'contract-awards-mpi-2023',
];

const BAD: Array<{ file: string; code: string; what: string; pdfjs: string }> = [
  {
    file: 'text-file.pdf',
    code: 'not_a_pdf',
    pdfjs: 'InvalidPDFException',
    what: 'Plain UTF-8 text with a .pdf name (no %PDF- header).',
  },
  {
    file: 'truncated.pdf',
    code: 'pdf_damaged',
    pdfjs: 'InvalidPDFException',
    what: 'First half of born-digital/rendicion-ministerio-salud-2024-t2.pdf: no xref table, no trailer, no %%EOF; page 2 objects missing.',
  },
  {
    file: 'encrypted.pdf',
    code: 'pdf_encrypted',
    pdfjs: 'PasswordException, code 1 (NEED_PASSWORD); code 2 (INCORRECT_PASSWORD) with a wrong one',
    what: 'One-page PDF with a standard security handler /Encrypt dictionary (RC4 40-bit, V 1, R 2) and user password "cotejo"; pdfjs-dist throws PasswordException (code 1, NEED_PASSWORD) without it.',
  },
  {
    file: 'zero-pages.pdf',
    code: 'pdf_empty',
    pdfjs: 'opens, numPages = 0',
    what: 'Structurally valid PDF (catalog, xref, trailer) whose page tree is /Kids [] /Count 0.',
  },
  {
    file: 'page-bomb.pdf',
    code: 'page_too_large',
    pdfjs: 'opens, 1 page, view [0, 0, 14400, 14400]',
    what: 'One page with MediaBox [0 0 14400 14400] (200 × 200 in, the PDF maximum): 40,000 × 40,000 px at 200 DPI.',
  },
  {
    file: 'not-really.pdf',
    code: 'pdf_damaged',
    pdfjs: 'InvalidPDFException',
    what: 'Starts with "%PDF-1.7" then 4,096 bytes of seeded random garbage: passes a magic-number check, no objects.',
  },
];

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

async function cleanDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const f of await readdir(dir)) {
    if (f.endsWith('.pdf') || f.endsWith('.truth.json')) await rm(join(dir, f));
  }
}

function truthJson(t: Truth): string {
  return `${JSON.stringify(t, null, 2)}\n`;
}

function badReadme(): string {
  const rows = BAD.map((b) => `| \`${b.file}\` | \`${b.code}\` | ${b.what} | ${b.pdfjs} |`).join('\n');
  return `# Bad inputs

Generated by \`npm run fixtures\` (tests/fixtures-generator/bad.ts); do not edit by hand.
Each file must be refused by preflight with the error code shown.

| file | expected error code | what it is | pdfjs-dist 5.6.205 |
|---|---|---|---|
${rows}

The encrypted file opens with the password \`cotejo\` (verify.ts checks both the refusal and
the opening with the password, so the encryption is real and well-formed).
`;
}

export async function generate(outDir = FIXTURES_DIR): Promise<void> {
  const bornDir = join(outDir, 'born-digital');
  const scanDir = join(outDir, 'scanned');
  const badDir = join(outDir, 'bad');
  await Promise.all([cleanDir(bornDir), cleanDir(scanDir), cleanDir(badDir)]);
  const manifest: Array<{ file: string; bytes: number; sha256: string; pages?: number }> = [];
  const write = async (
    dir: string,
    file: string,
    data: Uint8Array | string,
    pages?: number,
  ): Promise<void> => {
    const bytes = typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'utf8')) : data;
    await writeFile(join(dir, file), bytes);
    const rel = join(dir, file).slice(outDir.length + 1);
    manifest.push({
      file: rel,
      bytes: bytes.length,
      sha256: sha256(bytes),
      ...(pages !== undefined ? { pages } : {}),
    });
  };

  const docs = await bornDigital();
  for (const d of docs) {
    await write(bornDir, `${d.name}.pdf`, d.bytes, d.truth.pages.length);
    await write(bornDir, `${d.name}.truth.json`, truthJson(d.truth));
    console.log(
      `born-digital ${d.name}: ${d.truth.pages.length} page(s), ${d.truth.items.length} items, ${d.bytes.length} bytes`,
    );
  }
  for (const name of SCANNED) {
    const d = docs.find((x) => x.name === name);
    if (!d) throw new Error(`unknown document ${name}`);
    const scanName = `${name}-scan`;
    const { bytes, jpegSizes } = await scanCopy(d.bytes, {
      seed: `cotejo-fixtures/scan/${name}`,
      created: new Date(d.truth.fields.fecha ?? d.truth.fields.publication_date ?? '2024-01-01'),
      title: `${name} (scanned copy)`,
    });
    const truth: Truth = { ...d.truth, document: scanName, scanned: true, source: name };
    await write(scanDir, `${scanName}.pdf`, bytes, truth.pages.length);
    await write(scanDir, `${scanName}.truth.json`, truthJson(truth));
    console.log(
      `scanned ${scanName}: ${truth.pages.length} page(s), ${bytes.length} bytes (JPEG ${jpegSizes.join(', ')})`,
    );
  }

  const truncSource = docs.find((x) => x.name === 'rendicion-ministerio-salud-2024-t2');
  if (!truncSource) throw new Error('missing truncation source');
  const badFiles: Record<string, Uint8Array> = {
    'text-file.pdf': textFilePdf(),
    'truncated.pdf': truncated(truncSource.bytes),
    'encrypted.pdf': encryptedPdf(),
    'zero-pages.pdf': zeroPagesPdf(),
    'page-bomb.pdf': await pageBombPdf(new Date('2024-01-01T00:00:00Z')),
    'not-really.pdf': notReallyPdf(),
  };
  for (const b of BAD) {
    const bytes = badFiles[b.file];
    if (!bytes) throw new Error(`no bytes for ${b.file}`);
    await write(badDir, b.file, bytes);
  }
  await writeFile(join(badDir, 'README.md'), badReadme());
  await writeFile(
    join(badDir, 'expected.json'),
    `${JSON.stringify(Object.fromEntries(BAD.map((b) => [b.file, b.code])), null, 2)}\n`,
  );

  manifest.sort((a, b) => a.file.localeCompare(b.file));
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function main(): Promise<void> {
  const started = Date.now();
  await generate();
  console.log(`generated in ${Date.now() - started} ms; verifying…`);
  const problems = await verifyFixtures(FIXTURES_DIR);
  for (const p of problems) console.error(`FAIL ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log('fixtures OK');
}

await main();
