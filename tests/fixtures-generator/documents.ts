/** The born-digital documents: data (seeded) → layout spec + ground truth. */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { CONCEPTS_ES, DESCRIPTIONS_EN, SUPPLIERS_ES, SUPPLIERS_EN_GH, SUPPLIERS_EN_US } from './catalogue.js';
import { cuitCheckDigit, formatCuit } from './cuit.js';
import { ddmmyyyy, decimal, fromDayNumber, iso, moneyEn, moneyEs, toDayNumber, type Ymd } from './format.js';
import { fits, renderTableDocument, type Column, type TableDocSpec } from './layout.js';
import { Rng } from './prng.js';
import type { Currency, Truth, TruthItem } from './truth.js';

export interface GeneratedDocument {
  name: string;
  bytes: Uint8Array;
  truth: Truth;
}

/** One CUIT per supplier, stable across documents (drawn from its own seed). */
function supplierCuits(): string[] {
  const rng = new Rng('cotejo-fixtures/supplier-cuits');
  return SUPPLIERS_ES.map((s) => {
    for (;;) {
      const body = `${s.prefix}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
      const check = cuitCheckDigit(body);
      if (check !== null && body[2] !== '0') return `${body}${check}`;
    }
  });
}

const CUITS = supplierCuits();

let measureFont: PDFFont | undefined;
async function font(): Promise<PDFFont> {
  if (!measureFont) {
    const pdf = await PDFDocument.create();
    measureFont = await pdf.embedFont(StandardFonts.Helvetica);
  }
  return measureFont;
}

function randomCents(rng: Rng, minUnits: number, maxUnits: number): number {
  const units = rng.int(minUnits, maxUnits);
  // A third of the amounts are round numbers, like real invoices.
  if (rng.chance(0.33)) return Math.round(units / 100) * 100 * 100;
  return units * 100 + rng.int(0, 99);
}

function sortedDates(rng: Rng, from: Ymd, to: Ymd, n: number): Ymd[] {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const days: number[] = [];
  for (let i = 0; i < n; i++) days.push(rng.int(a, b));
  return days.sort((x, y) => x - y).map(fromDayNumber);
}

export interface EsSpec {
  name: string;
  seed: string;
  organismo: string;
  personLabel: string;
  funcionario: string;
  cargo: string;
  from: Ymd;
  to: Ymd;
  fecha: Ymd;
  expediente: string;
  items: number;
  created: Date;
}

export async function spanishReport(s: EsSpec): Promise<GeneratedDocument> {
  const rng = new Rng(s.seed);
  const f = await font();
  const columns: Column[] = [
    { header: 'N°', width: 22, align: 'right' },
    { header: 'Fecha', width: 54, align: 'left' },
    { header: 'Proveedor', width: 138, align: 'left' },
    { header: 'CUIT', width: 66, align: 'left' },
    { header: 'Concepto', width: 152, align: 'left' },
    { header: 'Importe', width: 83.28, align: 'right' },
  ];
  const dates = sortedDates(rng, s.from, s.to, s.items);
  const items: TruthItem[] = [];
  const rows: string[][] = [];
  let totalCents = 0;
  dates.forEach((date, i) => {
    const concept = rng.pick(CONCEPTS_ES);
    const supplierIndex = rng.pick(concept.suppliers);
    const supplier = SUPPLIERS_ES[supplierIndex];
    const cuit = CUITS[supplierIndex];
    if (!supplier || !cuit) throw new Error('bad supplier index');
    const cents = randomCents(rng, concept.min, concept.max);
    totalCents += cents;
    const row = [
      String(i + 1),
      ddmmyyyy(date),
      supplier.name,
      formatCuit(cuit),
      concept.text,
      `$ ${moneyEs(cents)}`,
    ];
    row.forEach((cell, c) => {
      if (!fits(f, cell, 8, (columns[c] as Column).width)) throw new Error(`does not fit: ${cell}`);
    });
    rows.push(row);
    items.push({
      fecha: iso(date),
      proveedor: supplier.name,
      cuit,
      concepto: concept.text,
      importe: decimal(cents),
      moneda: 'ARS',
    });
  });
  const spec: TableDocSpec = {
    title: 'RENDICIÓN DE GASTOS',
    organisation: s.organismo,
    headerLines: [
      [[`${s.personLabel}:`, s.funcionario]],
      [['Cargo:', s.cargo]],
      [
        ['Período:', `${ddmmyyyy(s.from)} al ${ddmmyyyy(s.to)}`],
        ['Fecha:', ddmmyyyy(s.fecha)],
      ],
      [
        ['Expediente N°:', s.expediente],
        ['Moneda:', 'Pesos argentinos'],
      ],
    ],
    continuationHeader: `Rendición de gastos - Expediente N° ${s.expediente} (continuación)`,
    columns,
    rows,
    totalLabel: 'TOTAL',
    totalValue: `$ ${moneyEs(totalCents)}`,
    closingLines: [
      'Declaro bajo juramento que los datos consignados son correctos y completos.',
      `Firma: ${s.funcionario}`,
    ],
    continuedText: 'Continúa en la página siguiente.',
    footerLeft: `${s.organismo} - Expte. ${s.expediente}`,
    pageLabel: (p, n) => `Página ${p} de ${n}`,
    meta: {
      title: `Rendición de gastos ${s.expediente}`,
      author: s.organismo,
      subject: 'Rendición de gastos (documento ficticio de prueba)',
      date: s.created,
    },
  };
  const { bytes, pages } = await renderTableDocument(spec);
  return {
    name: s.name,
    bytes,
    truth: {
      document: s.name,
      language: 'es',
      scanned: false,
      fields: {
        organismo: s.organismo,
        funcionario: s.funcionario,
        cargo: s.cargo,
        periodo_desde: iso(s.from),
        periodo_hasta: iso(s.to),
        fecha: iso(s.fecha),
        expediente: s.expediente,
        total: decimal(totalCents),
        moneda: 'ARS',
      },
      items,
      total: decimal(totalCents),
      moneda: 'ARS',
      pages,
    },
  };
}

export interface EnSpec {
  name: string;
  seed: string;
  entity: string;
  country: string;
  currency: Extract<Currency, 'USD' | 'GHS'>;
  suppliers: readonly string[];
  from: Ymd;
  to: Ymd;
  published: Ymd;
  reference: string;
  contractPrefix: string;
  items: number;
  created: Date;
}

export async function contractAwards(s: EnSpec): Promise<GeneratedDocument> {
  const rng = new Rng(s.seed);
  const f = await font();
  const symbol = s.currency === 'USD' ? 'US$' : 'GHS';
  const columns: Column[] = [
    { header: 'No.', width: 22, align: 'right' },
    { header: 'Contract No.', width: 72, align: 'left' },
    { header: 'Date', width: 54, align: 'left' },
    { header: 'Supplier', width: 132, align: 'left' },
    { header: 'Description', width: 153, align: 'left' },
    { header: `Amount (${symbol})`, width: 82.28, align: 'right' },
  ];
  const dates = sortedDates(rng, s.from, s.to, s.items);
  const items: TruthItem[] = [];
  const rows: string[][] = [];
  let totalCents = 0;
  const firstNumber = rng.int(1, 60);
  dates.forEach((date, i) => {
    const d = rng.pick(DESCRIPTIONS_EN);
    const supplier = rng.pick(s.suppliers);
    const cents = randomCents(rng, d.min, d.max);
    totalCents += cents;
    const numero = `${s.contractPrefix}/${String(firstNumber + i).padStart(3, '0')}`;
    const row = [String(i + 1), numero, ddmmyyyy(date), supplier, d.text, `${symbol} ${moneyEn(cents)}`];
    row.forEach((cell, c) => {
      if (!fits(f, cell, 8, (columns[c] as Column).width)) throw new Error(`does not fit: ${cell}`);
    });
    rows.push(row);
    items.push({
      numero,
      fecha: iso(date),
      proveedor: supplier,
      cuit: null,
      concepto: d.text,
      importe: decimal(cents),
      moneda: s.currency,
    });
  });
  const spec: TableDocSpec = {
    title: 'PUBLICATION OF CONTRACT AWARDS',
    organisation: `${s.entity}, ${s.country}`,
    headerLines: [
      [['Procurement entity:', s.entity]],
      [
        ['Reporting period:', `${ddmmyyyy(s.from)} to ${ddmmyyyy(s.to)}`],
        ['Date of publication:', ddmmyyyy(s.published)],
      ],
      [
        ['Reference:', s.reference],
        ['Currency:', s.currency === 'USD' ? 'United States dollars' : 'Ghana cedis'],
      ],
    ],
    continuationHeader: `Publication of contract awards - ${s.reference} (continued)`,
    columns,
    rows,
    totalLabel: 'TOTAL VALUE OF CONTRACTS AWARDED',
    totalValue: `${symbol} ${moneyEn(totalCents)}`,
    closingLines: [
      'Published in accordance with the Public Procurement Act. Awards may be challenged within 10 working days.',
      'Head of Procurement Unit',
    ],
    continuedText: 'Continued on next page.',
    footerLeft: `${s.entity} - ${s.reference}`,
    pageLabel: (p, n) => `Page ${p} of ${n}`,
    meta: {
      title: `Publication of contract awards ${s.reference}`,
      author: s.entity,
      subject: 'Contract awards (fictional test document)',
      date: s.created,
    },
  };
  const { bytes, pages } = await renderTableDocument(spec);
  return {
    name: s.name,
    bytes,
    truth: {
      document: s.name,
      language: 'en',
      scanned: false,
      fields: {
        entity: s.entity,
        period_from: iso(s.from),
        period_to: iso(s.to),
        publication_date: iso(s.published),
        reference: s.reference,
        total: decimal(totalCents),
        currency: s.currency,
      },
      items,
      total: decimal(totalCents),
      moneda: s.currency,
      pages,
    },
  };
}

export const EN_SUPPLIERS = { GH: SUPPLIERS_EN_GH, US: SUPPLIERS_EN_US };
