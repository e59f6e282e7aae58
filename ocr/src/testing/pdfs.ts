// Test helpers: real PDFs made with pdf-lib, and the fixtures directory when the generator has run.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import sharp from 'sharp';

/** The repository's fixtures/ directory, or undefined before the generator has produced it. */
export function fixturesDir(): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
  return existsSync(join(dir, 'bad')) ? dir : undefined;
}

export interface TextLine {
  text: string;
  x: number;
  /** Baseline distance from the top of the page, in points. */
  top: number;
  size?: number;
}

/** A born-digital page (Helvetica unless told) with the given lines; `rotate` sets the page's /Rotate. */
export async function textPdf(
  lines: TextLine[],
  options: { pages?: number; rotate?: number; font?: StandardFonts } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(options.font ?? StandardFonts.Helvetica);
  for (let p = 0; p < (options.pages ?? 1); p++) {
    const page = doc.addPage([595, 842]);
    if (options.rotate) page.setRotation(degrees(options.rotate));
    for (const line of lines)
      page.drawText(line.text, { x: line.x, y: 842 - line.top, size: line.size ?? 12, font });
  }
  return doc.save();
}

/** An image-only PDF page whose content is one JPEG of the given text, like a scan at `dpi`. */
export async function scannedPdf(lines: string[], dpi = 200): Promise<Uint8Array> {
  const width = Math.round(8.27 * dpi);
  const height = Math.round(11.69 * dpi);
  const fontSize = Math.round((12 * dpi) / 72);
  const rows = lines
    .map(
      (line, i) =>
        `<text x="${dpi}" y="${dpi + i * fontSize * 1.8}" font-family="DejaVu Sans" font-size="${fontSize}">${line}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${rows}</svg>`;
  const jpeg = await sharp(Buffer.from(svg)).grayscale().jpeg({ quality: 85 }).toBuffer();
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: 595, height: 842 });
  return doc.save();
}

/** A PDF with an empty page tree (/Count 0), written by hand: pdf-lib cannot save one. */
export function zeroPagePdf(): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
