import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { openPdfDocument } from '../../src/pdfjs.js';
import { renderPage } from '../../src/pipeline/rasterize.js';
sharp.concurrency(1);
const { doc } = await openPdfDocument(readFileSync('fixtures/born-digital/rendicion-concejo-2023-11.pdf'));
const page = await doc.getPage(1);
const raw = await renderPage(doc, page, 150);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const input = { raw: { width: raw.width, height: raw.height, channels: 4 as const } };
const variants: Record<string, () => Promise<unknown>> = {
  flatten_e1: () =>
    sharp(raw.data, input).flatten({ background: '#fff' }).webp({ quality: 80, effort: 1 }).toBuffer(),
  removeAlpha_e0: () => sharp(raw.data, input).removeAlpha().webp({ quality: 80, effort: 0 }).toBuffer(),
  removeAlpha_e0_q70: () => sharp(raw.data, input).removeAlpha().webp({ quality: 70, effort: 0 }).toBuffer(),
  gray_e0: () =>
    sharp(raw.data, input).removeAlpha().toColourspace('b-w').webp({ quality: 80, effort: 0 }).toBuffer(),
  thumb_nearest: () =>
    sharp(raw.data, input)
      .removeAlpha()
      .resize({ width: 200, kernel: 'nearest' })
      .webp({ quality: 70, effort: 0 })
      .toBuffer(),
  thumb_lanczos: () =>
    sharp(raw.data, input)
      .flatten({ background: '#fff' })
      .resize({ width: 200 })
      .webp({ quality: 70, effort: 1 })
      .toBuffer(),
  jpeg: () => sharp(raw.data, input).removeAlpha().jpeg({ quality: 80 }).toBuffer(),
  render150: () => renderPage(doc, page, 150),
  render100: () => renderPage(doc, page, 100),
};
for (const [name, fn] of Object.entries(variants)) {
  await fn();
  const t = cpu();
  const w = performance.now();
  for (let i = 0; i < 5; i++) await fn();
  console.log(
    name,
    ((cpu() - t) / 5).toFixed(1),
    'ms cpu',
    ((performance.now() - w) / 5).toFixed(1),
    'ms wall',
  );
}
