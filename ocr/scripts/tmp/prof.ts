import { readFileSync, readdirSync } from 'node:fs';
import sharp from 'sharp';
import { openPdfDocument } from '../../src/pdfjs.js';
import { extractTextLayerWords } from '../../src/pipeline/text-layer.js';
import { renderPage, encodeDisplay } from '../../src/pipeline/rasterize.js';
sharp.concurrency(1);
const dir = 'fixtures/born-digital';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => readFileSync(`${dir}/${f}`));
const acc = { open: 0, text: 0, render: 0, webp: 0 };
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let pages = 0;
for (let r = 0; r < 3; r++)
  for (const b of files) {
    let t = cpu();
    const { doc, task } = await openPdfDocument(b);
    acc.open += cpu() - t;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      t = cpu();
      await extractTextLayerWords(page);
      acc.text += cpu() - t;
      t = cpu();
      const raw = await renderPage(doc, page, 150);
      acc.render += cpu() - t;
      t = cpu();
      await encodeDisplay(raw, { thumbWidth: 200 });
      acc.webp += cpu() - t;
      pages++;
    }
    await task.destroy();
  }
console.log(
  pages,
  Object.fromEntries(Object.entries(acc).map(([k, v]) => [k, (v / pages).toFixed(1) + ' ms cpu/page'])),
);
