import { describe, expect, it } from '@jest/globals';
import { ocrCommandOutput, runPipeline } from './run.js';
import type { OcrEngine } from './types.js';
import { textPdf } from './testing/pdfs.js';

const noOcr: OcrEngine = {
  kind: 'tesseractjs',
  recognize: () => Promise.reject(new Error('not expected')),
  close: () => Promise.resolve(),
};

describe('runPipeline and ocrCommandOutput', () => {
  it('processes every page in order, reports progress, and prints the CLI JSON shape', async () => {
    const seen: number[] = [];
    const result = await runPipeline(
      await textPdf([{ text: 'Total 1.234,56', x: 72, top: 72 }], { pages: 2 }),
      {
        languages: 'spa',
        ocr: noOcr,
        onPage: (page, count) => seen.push(page.number * 10 + count),
      },
    );
    expect(seen).toEqual([12, 22]);
    const json = ocrCommandOutput(result);
    expect(Object.keys(json.pages[0]!).sort()).toEqual([
      'height',
      'number',
      'source',
      'text',
      'width',
      'words',
    ]);
    expect(json.pages[1]).toMatchObject({ number: 2, source: 'text-layer', text: 'Total 1.234,56' });
    expect(Object.keys(json.pages[0]!.words[0]!).sort()).toEqual(['bbox', 'confidence', 'text']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('refuses with preflight codes before any page work', async () => {
    await expect(
      runPipeline(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), { languages: 'spa', ocr: noOcr }),
    ).rejects.toMatchObject({
      code: 'pdf_damaged',
    });
  });
});
