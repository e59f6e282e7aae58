import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { openPdfDocument } from '../pdfjs.js';
import { findScanImage } from '../pipeline/scan-image.js';
import type { OcrEngine, RawImage } from '../types.js';
import { runEngine, type OcrSample } from './scanned.js';

/** The two scanned documents of ../shared/real-docs with a reference transcript (never copied into the repo). */
const REAL_DOCS = [
  {
    id: '17',
    file: '17_us_executive_order_9066_typewritten.jpg',
    truth: '17__factful_human_transcript.txt',
    languages: 'eng',
  },
  {
    id: '19',
    file: '19_SYNTHETIC_SCAN_of_01_argentina_diputados.pdf',
    truth: '19__text_layer_of_source_01_p1.txt',
    languages: 'spa',
  },
] as const;

/** Loads real-docs 17 and 19 as OCR samples, or an empty list when the directory is absent. */
export async function loadRealDocSamples(realDocsDir: string): Promise<OcrSample[]> {
  if (!existsSync(join(realDocsDir, 'docs'))) return [];
  const samples: OcrSample[] = [];
  for (const doc of REAL_DOCS) {
    const bytes = readFileSync(join(realDocsDir, 'docs', doc.file));
    const image = doc.file.endsWith('.pdf') ? await firstScanImage(bytes) : await decode(bytes);
    if (!image) continue;
    const truth = readFileSync(join(realDocsDir, 'gt', doc.truth), 'utf8');
    samples.push({
      id: doc.id,
      image: image.raw,
      languages: doc.languages,
      truth,
      dpi: image.dpi,
    });
  }
  return samples;
}

async function decode(bytes: Buffer): Promise<{ raw: RawImage; dpi: number }> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return {
    raw: { data, width: info.width, height: info.height, channels: info.channels as RawImage['channels'] },
    dpi: 300,
  };
}

async function firstScanImage(bytes: Buffer): Promise<{ raw: RawImage; dpi: number } | undefined> {
  const { doc, task } = await openPdfDocument(bytes);
  try {
    const page = await doc.getPage(1);
    const scan = await findScanImage(page);
    if (!scan) return undefined;
    return { raw: scan.image, dpi: (scan.image.width * 72) / (scan.placement.x1 - scan.placement.x0) };
  } finally {
    await task.destroy();
  }
}

export interface RealDocsEval {
  id: string;
  ours: number;
  nativeBest: { setting: string; wer: number };
  nativeSettings: Record<string, number>;
}

/** WER per real document for our engine (PSM 4 + preprocessing) and for every native setting tried. */
export async function evalRealDocs(
  samples: OcrSample[],
  ours: OcrEngine,
  natives: Record<string, { engine: OcrEngine; psm: number }>,
): Promise<RealDocsEval[]> {
  const results: RealDocsEval[] = [];
  for (const sample of samples) {
    const mine = await runEngine('ours', ours, [sample], 4);
    const nativeSettings: Record<string, number> = {};
    for (const [setting, { engine, psm }] of Object.entries(natives)) {
      nativeSettings[setting] = (await runEngine(setting, engine, [sample], psm)).wer;
    }
    const [setting, wer] = Object.entries(nativeSettings).sort((a, b) => a[1] - b[1])[0] ?? ['none', 1];
    results.push({ id: sample.id, ours: mine.wer, nativeBest: { setting, wer }, nativeSettings });
  }
  return results;
}
