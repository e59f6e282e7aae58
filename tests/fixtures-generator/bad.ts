/** Broken or hostile inputs for preflight error-code tests (fixtures/bad/). */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Rng } from './prng.js';

export const USER_PASSWORD = 'cotejo';
const OWNER_PASSWORD = 'cotejo-owner';

type Part = string | Uint8Array;

/** Serialise numbered objects into a PDF with a classic xref table. Strings are Latin-1. */
function writePdf(
  objects: Array<{ num: number; parts: Part[] }>,
  trailer: string,
  version = '1.4',
): Uint8Array {
  const chunks: Buffer[] = [];
  let length = 0;
  const push = (p: Part): void => {
    const b = typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p);
    chunks.push(b);
    length += b.length;
  };
  push(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`);
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, length);
    push(`${o.num} 0 obj\n`);
    o.parts.forEach(push);
    push('\nendobj\n');
  }
  const size = Math.max(...objects.map((o) => o.num)) + 1;
  const xref = length;
  push(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let n = 1; n < size; n++) {
    const off = offsets.get(n);
    push(off === undefined ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`);
  }
  push(`trailer\n<< /Size ${size} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(chunks));
}

function md5(...parts: Uint8Array[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** RC4 (symmetric), written out because OpenSSL 3 no longer ships it by default. */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    const t = s[i] as number;
    s[i] = s[j] as number;
    s[j] = t;
  }
  const out = new Uint8Array(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    const t = s[i] as number;
    s[i] = s[j] as number;
    s[j] = t;
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function padPassword(pw: string): Buffer {
  return Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
}

const hex = (b: Uint8Array): string => `<${Buffer.from(b).toString('hex')}>`;

/**
 * A one-page PDF encrypted with the standard security handler, RC4 40-bit, revision 2
 * (PDF 1.4 spec, algorithms 3.2–3.5). User password: "cotejo".
 */
export function encryptedPdf(): Uint8Array {
  const id = md5(Buffer.from('cotejo-fixtures/encrypted-id'));
  const P = -44; // print, copy etc. not all allowed; bits 1–2 zero as required
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(P);
  // Algorithm 3.3: O entry.
  const ownerKey = md5(padPassword(OWNER_PASSWORD)).subarray(0, 5);
  const O = rc4(ownerKey, padPassword(USER_PASSWORD));
  // Algorithm 3.2: file key (40 bits).
  const fileKey = md5(padPassword(USER_PASSWORD), O, pBytes, id).subarray(0, 5);
  // Algorithm 3.4: U entry.
  const U = rc4(fileKey, PAD);
  const objectKey = (num: number): Buffer =>
    md5(fileKey, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);
  const enc = (num: number, data: string): Uint8Array => rc4(objectKey(num), Buffer.from(data, 'latin1'));

  const content = enc(
    4,
    'BT /F1 20 Tf 72 760 Td (Documento confidencial) Tj 0 -30 Td /F1 12 Tf (Rendicion de gastos - protegido con contrasena) Tj ET\n',
  );
  return writePdf(
    [
      { num: 1, parts: ['<< /Type /Catalog /Pages 2 0 R >>'] },
      { num: 2, parts: ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'] },
      {
        num: 3,
        parts: [
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        ],
      },
      { num: 4, parts: [`<< /Length ${content.length} >>\nstream\n`, content, '\nendstream'] },
      {
        num: 5,
        parts: ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'],
      },
      { num: 6, parts: [`<< /Title ${hex(enc(6, 'Documento protegido'))} >>`] },
      { num: 7, parts: [`<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex(O)} /U ${hex(U)} /P ${P} >>`] },
    ],
    `/Root 1 0 R /Info 6 0 R /Encrypt 7 0 R /ID [${hex(id)} ${hex(id)}]`,
  );
}

/** Structurally valid, but the page tree is empty. */
export function zeroPagesPdf(): Uint8Array {
  return writePdf(
    [
      { num: 1, parts: ['<< /Type /Catalog /Pages 2 0 R >>'] },
      { num: 2, parts: ['<< /Type /Pages /Kids [] /Count 0 >>'] },
    ],
    '/Root 1 0 R',
  );
}

/** One page of 14400 × 14400 pt (200 × 200 in), the largest a PDF page may be. */
export async function pageBombPdf(created: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setCreator('Cotejo fixtures generator');
  pdf.setProducer('Cotejo fixtures generator (pdf-lib)');
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([14400, 14400]);
  page.drawText('Página de 200 x 200 pulgadas', { x: 720, y: 13000, size: 400, font });
  return pdf.save({ useObjectStreams: false });
}

export function textFilePdf(): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      'Rendición de gastos - borrador\n\nEste archivo es texto plano con extensión .pdf.\nNo es un PDF.\n',
      'utf8',
    ),
  );
}

/** "%PDF-1.7" header followed by seeded garbage. */
export function notReallyPdf(): Uint8Array {
  const rng = new Rng('cotejo-fixtures/not-really');
  const head = Buffer.from('%PDF-1.7\n', 'latin1');
  const body = Buffer.alloc(4096);
  for (let i = 0; i < body.length; i++) body[i] = rng.int(0, 255);
  return new Uint8Array(Buffer.concat([head, body]));
}

/** The first half of a valid PDF. */
export function truncated(pdf: Uint8Array): Uint8Array {
  return pdf.slice(0, Math.floor(pdf.length / 2));
}
