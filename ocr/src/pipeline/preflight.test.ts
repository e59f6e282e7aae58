import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { PipelineError } from '../errors.js';
import { fixturesDir, textPdf, zeroPagePdf } from '../testing/pdfs.js';
import { hasPdfMagic, pdfDateToIso, preflightPdf } from './preflight.js';

const limits = { maxPages: 10 };

async function refusal(bytes: Uint8Array, options = limits): Promise<string> {
  try {
    await preflightPdf(bytes, options);
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineError);
    return (error as PipelineError).code;
  }
  throw new Error('preflight accepted the file');
}

describe('preflightPdf', () => {
  it('reads page count, sizes and metadata of a valid PDF', async () => {
    const doc = await PDFDocument.load(await textPdf([{ text: 'Hola', x: 72, top: 72 }], { pages: 2 }));
    doc.setTitle('Rendición de gastos');
    doc.setAuthor('Legislatura');
    const result = await preflightPdf(await doc.save(), limits);
    expect(result.pageCount).toBe(2);
    expect(result.pages[1]).toEqual({ number: 2, width: 595, height: 842 });
    expect(result.metadata.title).toBe('Rendición de gastos');
    expect(result.metadata.author).toBe('Legislatura');
    expect(result.metadata.creationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('accepts a BOM and whitespace before %PDF-', async () => {
    const pdf = await textPdf([{ text: 'x', x: 72, top: 72 }]);
    const prefixed = new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x20, ...pdf]);
    expect(hasPdfMagic(prefixed)).toBe(true);
    await expect(preflightPdf(prefixed, limits)).resolves.toMatchObject({ pageCount: 1 });
  });

  it('refuses a text file as not_a_pdf', async () => {
    expect(await refusal(new TextEncoder().encode('Nombre,Importe\nGarcía,1.234,56\n'))).toBe('not_a_pdf');
  });

  it('refuses a truncated PDF as pdf_damaged', async () => {
    const pdf = await textPdf([{ text: 'Total 1.234,56', x: 72, top: 72 }]);
    expect(await refusal(pdf.subarray(0, Math.floor(pdf.length / 3)))).toBe('pdf_damaged');
  });

  it('refuses a PDF with no pages as pdf_empty', async () => {
    expect(await refusal(zeroPagePdf())).toBe('pdf_empty');
  });

  it('refuses more pages than the limit as too_many_pages, with details', async () => {
    const pdf = await textPdf([{ text: 'p', x: 72, top: 72 }], { pages: 3 });
    await expect(preflightPdf(pdf, { maxPages: 2 })).rejects.toMatchObject({
      code: 'too_many_pages',
      details: { pageCount: 3, maxPages: 2 },
    });
  });

  it('refuses a page bomb as page_too_large', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([14_400, 14_400]);
    expect(await refusal(await doc.save())).toBe('page_too_large');
  });

  it('refuses a file over maxBytes as file_too_large before parsing', async () => {
    expect(await refusal(new Uint8Array(2048), { maxPages: 10, maxBytes: 1024 } as typeof limits)).toBe(
      'file_too_large',
    );
  });

  it('converts PDF dates to ISO 8601', () => {
    expect(pdfDateToIso("D:20240315093000-03'00'")).toBe('2024-03-15T09:30:00-03:00');
    expect(pdfDateToIso('D:20240315')).toBe('2024-03-15T00:00:00Z');
    expect(pdfDateToIso('yesterday')).toBe('yesterday');
  });

  const fixtures = fixturesDir();
  (fixtures ? it : it.skip)('gives the expected code for every fixtures/bad file', async () => {
    const dir = join(fixtures ?? '', 'bad');
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;
    for (const [file, code] of Object.entries(expected)) {
      expect([file, await refusal(readFileSync(join(dir, file)))]).toEqual([file, code]);
    }
  });
});
