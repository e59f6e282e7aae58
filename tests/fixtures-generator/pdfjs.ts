/** pdfjs-dist in Node (legacy build, no worker), with the package's fonts, cmaps and wasm. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));

export { pdfjs };

export function openPdf(data: Uint8Array, password?: string): ReturnType<typeof pdfjs.getDocument> {
  return pdfjs.getDocument({
    // pdfjs may transfer/detach the buffer: always hand it a copy.
    data: new Uint8Array(data),
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    cMapPacked: true,
    wasmUrl: join(pdfjsDir, 'wasm') + '/',
    isEvalSupported: false,
    verbosity: 0,
    ...(password !== undefined ? { password } : {}),
  });
}

interface TextItemLike {
  str: string;
  transform: number[];
}

/**
 * Page text reconstructed from getTextContent: items grouped by baseline (top to bottom),
 * left to right within a line, joined with one space, whitespace collapsed.
 */
export async function pageText(
  page: Awaited<ReturnType<pdfjs.PDFDocumentProxy['getPage']>>,
): Promise<{ text: string; items: number }> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const lines = new Map<number, Array<{ x: number; str: string }>>();
  let count = 0;
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const item = raw as TextItemLike;
    count++;
    if (item.str.trim() === '') continue;
    const t = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
    const x = t[4] ?? 0;
    const y = Math.round((t[5] ?? 0) * 10) / 10;
    let key = y;
    for (const k of lines.keys()) {
      if (Math.abs(k - y) < 1) {
        key = k;
        break;
      }
    }
    const list = lines.get(key) ?? [];
    list.push({ x, str: item.str });
    lines.set(key, list);
  }
  const text = [...lines.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, l]) =>
      l
        .sort((a, b) => a.x - b.x)
        .map((i) => i.str)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .join('\n');
  return { text, items: count };
}
