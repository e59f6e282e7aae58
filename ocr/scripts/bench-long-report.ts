// Born-digital throughput on one realistic long document: a Spanish expense report of ~30 pages
// (999 line items: the most its 3-digit item column holds) made by the fixtures generator (in memory, never committed), processed by 2 threads like the
// fixtures benchmark. The committed fixtures have 1–3 pages per PDF, so per-document costs (open,
// fonts) weigh on them more than on a real multi-page report; docs/benchmarks.md gives both.
// npx tsx ocr/scripts/bench-long-report.ts [threads] [rounds] [items]   (from the repository root)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spanishReport } from '../../tests/fixtures-generator/documents.js';
import { benchBornDigital } from '../src/bench/born-digital.js';
import { openPdf } from '../src/document.js';

const threads = Number(process.argv[2] ?? 2);
const rounds = Number(process.argv[3] ?? 1);
const items = Number(process.argv[4] ?? 999);
const doc = await spanishReport({
  name: 'rendicion-larga',
  seed: 'cotejo-bench/rendicion-larga',
  organismo: 'Honorable Legislatura de la Provincia de Santa Inés del Valle',
  personLabel: 'Legisladora',
  funcionario: 'Mariela Quiroga Ibáñez',
  cargo: 'Legisladora provincial, Bloque Frente Serrano',
  from: { y: 2024, m: 1, d: 1 },
  to: { y: 2024, m: 12, d: 31 },
  fecha: { y: 2025, m: 1, d: 15 },
  expediente: 'HL-0001/2025',
  items,
  created: new Date('2025-01-15T12:00:00Z'),
});
const dir = mkdtempSync(join(tmpdir(), 'cotejo-long-'));
const file = join(dir, 'rendicion-larga.pdf');
writeFileSync(file, doc.bytes);
const pdf = await openPdf(doc.bytes);
const pages = pdf.pageCount;
await pdf.close();
const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
// Each thread processes the whole document `rounds` times (as the fixtures benchmark does per file).
const run = await benchBornDigital([file], threads, rounds);
console.log(
  JSON.stringify({ document: { pages, bytes: doc.bytes.length, items }, loadAverageAtStart, ...run }),
);
rmSync(dir, { recursive: true, force: true });
