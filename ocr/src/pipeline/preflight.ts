import { PipelineError } from '../errors.js';
import { openPdfDocument } from '../pdfjs.js';

export interface PreflightLimits {
  maxPages: number;
  /** Largest page area accepted, in square inches; default 4 × tabloid (17 × 22 in). */
  maxPageAreaSqIn?: number;
  /** Largest file accepted, in bytes; unchecked when absent (the upload layer may check first). */
  maxBytes?: number;
}

export interface PreflightPage {
  number: number;
  /** Points, after the page's rotation. */
  width: number;
  height: number;
}

export interface PdfMetadata {
  title?: string;
  author?: string;
  producer?: string;
  creationDate?: string;
}

export interface PreflightResult {
  pageCount: number;
  pages: PreflightPage[];
  metadata: PdfMetadata;
}

export const DEFAULT_MAX_PAGE_AREA_SQ_IN = 17 * 22 * 4;
const MAGIC = Buffer.from('%PDF-', 'latin1');
const MAGIC_WINDOW = 1024;

/** Whether the bytes start like a PDF: `%PDF-` within the first 1024 bytes (after BOM/whitespace/junk). */
export function hasPdfMagic(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MAGIC_WINDOW));
  return head.indexOf(MAGIC) !== -1;
}

/** Checks a PDF against the limits before any heavy work; throws PipelineError with a stable code. */
export async function preflightPdf(bytes: Uint8Array, limits: PreflightLimits): Promise<PreflightResult> {
  if (limits.maxBytes !== undefined && bytes.byteLength > limits.maxBytes) {
    throw new PipelineError('file_too_large', `File is larger than ${limits.maxBytes} bytes`, {
      bytes: bytes.byteLength,
      maxBytes: limits.maxBytes,
    });
  }
  if (!hasPdfMagic(bytes)) throw new PipelineError('not_a_pdf', 'The file is not a PDF (no %PDF- header)');
  const { doc, task } = await openPdfDocument(bytes);
  try {
    const pageCount = doc.numPages;
    if (pageCount === 0) throw new PipelineError('pdf_empty', 'The PDF has no pages');
    if (pageCount > limits.maxPages) {
      throw new PipelineError(
        'too_many_pages',
        `The PDF has ${pageCount} pages; the limit is ${limits.maxPages}`,
        {
          pageCount,
          maxPages: limits.maxPages,
        },
      );
    }
    const pages = await readPageSizes(doc, limits.maxPageAreaSqIn ?? DEFAULT_MAX_PAGE_AREA_SQ_IN);
    return { pageCount, pages, metadata: await readMetadata(doc) };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

type Doc = Awaited<ReturnType<typeof openPdfDocument>>['doc'];

async function readPageSizes(doc: Doc, maxAreaSqIn: number): Promise<PreflightPage[]> {
  const pages: PreflightPage[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number).catch((error: unknown) => {
      throw new PipelineError('pdf_damaged', `Page ${number} cannot be read`, { reason: String(error) });
    });
    const { width, height } = page.getViewport({ scale: 1 });
    const areaSqIn = (width / 72) * (height / 72);
    if (!(areaSqIn <= maxAreaSqIn) || !Number.isFinite(areaSqIn) || areaSqIn <= 0) {
      throw new PipelineError('page_too_large', `Page ${number} is ${Math.round(areaSqIn)} sq in`, {
        page: number,
        width,
        height,
        maxPageAreaSqIn: maxAreaSqIn,
      });
    }
    pages.push({ number, width, height });
    page.cleanup();
  }
  return pages;
}

async function readMetadata(doc: Doc): Promise<PdfMetadata> {
  const meta = await doc.getMetadata().catch(() => undefined);
  const info = (meta?.info ?? {}) as Record<string, unknown>;
  const pick = (key: string): string | undefined => {
    const value = info[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const metadata: PdfMetadata = {};
  const entries: [keyof PdfMetadata, string][] = [
    ['title', 'Title'],
    ['author', 'Author'],
    ['producer', 'Producer'],
    ['creationDate', 'CreationDate'],
  ];
  for (const [field, key] of entries) {
    const value = pick(key);
    if (value !== undefined) metadata[field] = field === 'creationDate' ? pdfDateToIso(value) : value;
  }
  return metadata;
}

/** Converts a PDF date string (D:YYYYMMDDHHmmSSOHH'mm) to ISO 8601, keeping the raw value if malformed. */
export function pdfDateToIso(raw: string): string {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(raw);
  if (!m) return raw;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, th = '00', tm = '00'] = m;
  const zone = sign === undefined || sign === 'Z' || sign === 'z' ? 'Z' : `${sign}${th}:${tm}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}
