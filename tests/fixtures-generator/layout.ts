/**
 * Born-digital layout: title, header block, ruled table split over pages, total row on the
 * last page, footer "Página X de Y". Every piece of text drawn is recorded so the truth page
 * text is exactly what is on the page.
 */
import { PDFDocument, PDFFont, StandardFonts, rgb } from 'pdf-lib';
import type { TruthPage } from './truth.js';

export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const ROW_H = 15;
const CELL_PAD = 4;
const BODY_SIZE = 8;
const FOOTER_Y = 28;

export interface Column {
  header: string;
  width: number;
  align: 'left' | 'right';
}

export interface TableDocSpec {
  title: string;
  /** Issuing body, printed bold under the title. */
  organisation: string;
  /** Header lines; each line has one or two label/value pairs (second pair drawn at mid-page). */
  headerLines: Array<Array<[label: string, value: string]>>;
  /** Running header on continuation pages. */
  continuationHeader: string;
  columns: Column[];
  /** Cell text already formatted; must fit the column (throws otherwise). */
  rows: string[][];
  totalLabel: string;
  totalValue: string;
  /** Lines drawn under the table on the last page (declaration, signature caption…). */
  closingLines: string[];
  /** Drawn at the bottom of non-last pages. */
  continuedText: string;
  footerLeft: string;
  /** (page, pages) → e.g. "Página 1 de 3". */
  pageLabel: (page: number, pages: number) => string;
  /** Fixed dates/metadata for reproducible bytes. */
  meta: { title: string; author: string; subject: string; date: Date };
}

interface Segment {
  x: number;
  y: number;
  text: string;
}

class PageRecorder {
  readonly segments: Segment[] = [];
  add(x: number, y: number, text: string): void {
    if (text.trim() !== text || /\s{2,}/.test(text) || text === '') {
      throw new Error(`text segment must be trimmed with single spaces: ${JSON.stringify(text)}`);
    }
    this.segments.push({ x, y, text });
  }
  /** Lines top to bottom (same baseline = same line), segments left to right, joined by one space. */
  text(): string {
    const byY = new Map<number, Segment[]>();
    for (const s of this.segments) {
      const key = Math.round(s.y * 100) / 100;
      const list = byY.get(key) ?? [];
      list.push(s);
      byY.set(key, list);
    }
    return [...byY.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, segs]) =>
        segs
          .sort((a, b) => a.x - b.x)
          .map((s) => s.text)
          .join(' '),
      )
      .join('\n');
  }
}

export function fits(font: PDFFont, text: string, size: number, width: number): boolean {
  return font.widthOfTextAtSize(text, size) <= width - 2 * CELL_PAD;
}

export async function renderTableDocument(
  spec: TableDocSpec,
): Promise<{ bytes: Uint8Array; pages: TruthPage[] }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(spec.meta.title);
  pdf.setAuthor(spec.meta.author);
  pdf.setSubject(spec.meta.subject);
  pdf.setCreator('Cotejo fixtures generator');
  pdf.setProducer('Cotejo fixtures generator (pdf-lib)');
  pdf.setCreationDate(spec.meta.date);
  pdf.setModificationDate(spec.meta.date);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  const [pageW, pageH] = A4;
  const tableW = spec.columns.reduce((s, c) => s + c.width, 0);
  if (Math.abs(tableW - (pageW - 2 * MARGIN)) > 1)
    throw new Error(`table width ${tableW} does not match page`);

  for (const row of spec.rows) {
    row.forEach((cell, i) => {
      const col = spec.columns[i];
      if (!col) throw new Error('row has more cells than columns');
      if (!fits(regular, cell, BODY_SIZE, col.width))
        throw new Error(`cell too wide for "${col.header}": ${cell}`);
    });
  }

  // Pagination: the first page has the header block; every page keeps room for the footer;
  // the last page also needs the total row and closing lines.
  const firstTop = pageH - MARGIN - 24 - 18 - spec.headerLines.length * 14 - 16;
  const contTop = pageH - MARGIN - 24;
  const bottomLimit = FOOTER_Y + 30;
  const closingH = ROW_H + 16 + spec.closingLines.length * 14 + 10;
  const capacity = (top: number): number => Math.floor((top - ROW_H - bottomLimit) / ROW_H);
  const chunks: string[][][] = [];
  let rest = spec.rows;
  let first = true;
  for (;;) {
    const top = first ? firstTop : contTop;
    const cap = capacity(top);
    const capIfLast = Math.floor((top - ROW_H - bottomLimit - closingH) / ROW_H);
    if (rest.length <= capIfLast) {
      chunks.push(rest);
      break;
    }
    // Not the last page: take what fits but leave at least 3 rows to carry over with the total.
    const take = Math.min(cap, rest.length - Math.min(3, rest.length));
    chunks.push(rest.slice(0, take));
    rest = rest.slice(take);
    first = false;
  }

  const truthPages: TruthPage[] = [];
  const grey = rgb(0.35, 0.35, 0.35);
  const light = rgb(0.88, 0.88, 0.88);
  const black = rgb(0, 0, 0);

  chunks.forEach((chunk, pageIndex) => {
    const page = pdf.addPage(A4);
    const rec = new PageRecorder();
    const isLast = pageIndex === chunks.length - 1;
    const draw = (text: string, x: number, y: number, font: PDFFont, size: number): void => {
      page.drawText(text, { x, y, font, size, color: black });
      rec.add(x, y, text);
    };
    const drawCentered = (text: string, y: number, font: PDFFont, size: number): void => {
      draw(text, (pageW - font.widthOfTextAtSize(text, size)) / 2, y, font, size);
    };
    const drawRight = (text: string, xRight: number, y: number, font: PDFFont, size: number): void => {
      draw(text, xRight - font.widthOfTextAtSize(text, size), y, font, size);
    };

    let y: number;
    if (pageIndex === 0) {
      y = pageH - MARGIN - 10;
      drawCentered(spec.title, y, bold, 14);
      y -= 18;
      drawCentered(spec.organisation, y, bold, 10.5);
      y -= 22;
      for (const line of spec.headerLines) {
        line.forEach(([label, value], i) => {
          const x = i === 0 ? MARGIN : MARGIN + tableW / 2 + 10;
          draw(label, x, y, bold, 9);
          draw(value, x + bold.widthOfTextAtSize(label, 9) + 4, y, regular, 9);
        });
        y -= 14;
      }
      y -= 2;
    } else {
      y = pageH - MARGIN - 10;
      draw(spec.continuationHeader, MARGIN, y, bold, 9);
      y -= 14;
    }

    // Table header row with grey background.
    const tableTop = y;
    page.drawRectangle({ x: MARGIN, y: y - ROW_H, width: tableW, height: ROW_H, color: light });
    const textY = (rowTop: number): number => rowTop - ROW_H + 4.5;
    let x = MARGIN;
    for (const col of spec.columns) {
      if (col.align === 'right') drawRight(col.header, x + col.width - CELL_PAD, textY(y), bold, BODY_SIZE);
      else draw(col.header, x + CELL_PAD, textY(y), bold, BODY_SIZE);
      x += col.width;
    }
    y -= ROW_H;
    for (const row of chunk) {
      x = MARGIN;
      row.forEach((cell, i) => {
        const col = spec.columns[i] as Column;
        if (cell !== '') {
          if (col.align === 'right') drawRight(cell, x + col.width - CELL_PAD, textY(y), regular, BODY_SIZE);
          else draw(cell, x + CELL_PAD, textY(y), regular, BODY_SIZE);
        }
        x += col.width;
      });
      y -= ROW_H;
      page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + tableW, y }, thickness: 0.3, color: grey });
    }
    let tableBottom = y;
    if (isLast) {
      page.drawRectangle({ x: MARGIN, y: y - ROW_H, width: tableW, height: ROW_H, color: light });
      draw(spec.totalLabel, MARGIN + CELL_PAD, textY(y), bold, 9);
      drawRight(spec.totalValue, MARGIN + tableW - CELL_PAD, textY(y), bold, 9);
      y -= ROW_H;
      tableBottom = y;
    }
    // Rules: outer box, header underline, column separators (not across the total row).
    page.drawRectangle({
      x: MARGIN,
      y: tableBottom,
      width: tableW,
      height: tableTop - tableBottom,
      borderColor: black,
      borderWidth: 0.8,
    });
    page.drawLine({
      start: { x: MARGIN, y: tableTop - ROW_H },
      end: { x: MARGIN + tableW, y: tableTop - ROW_H },
      thickness: 0.8,
      color: black,
    });
    const sepBottom = isLast ? tableBottom + ROW_H : tableBottom;
    x = MARGIN;
    spec.columns.slice(0, -1).forEach((col) => {
      x += col.width;
      page.drawLine({ start: { x, y: tableTop }, end: { x, y: sepBottom }, thickness: 0.4, color: grey });
    });

    if (isLast) {
      y -= 20;
      for (const line of spec.closingLines) {
        draw(line, MARGIN, y, regular, 9);
        y -= 14;
      }
    } else {
      draw(spec.continuedText, MARGIN, y - 14, regular, 8);
    }

    page.drawLine({
      start: { x: MARGIN, y: FOOTER_Y + 12 },
      end: { x: pageW - MARGIN, y: FOOTER_Y + 12 },
      thickness: 0.5,
      color: grey,
    });
    draw(spec.footerLeft, MARGIN, FOOTER_Y, regular, 7.5);
    drawRight(spec.pageLabel(pageIndex + 1, chunks.length), pageW - MARGIN, FOOTER_Y, regular, 7.5);
    truthPages.push({ number: pageIndex + 1, text: rec.text() });
  });

  const bytes = await pdf.save({ useObjectStreams: false });
  return { bytes, pages: truthPages };
}
