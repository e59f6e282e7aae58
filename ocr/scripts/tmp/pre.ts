import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { prepareForOcr } from '../../src/engines/preprocess.js';
const t = performance.now();
const p = await prepareForOcr(readFileSync('/tmp/leg-000.jpg'));
console.log('ms', performance.now() - t, p.skewDegrees, p.width, p.height);
writeFileSync('/tmp/leg.pgm', p.pgm);
await sharp(p.pgm.subarray(p.pgm.length - p.width * p.height), {
  raw: { width: p.width, height: p.height, channels: 1 },
})
  .resize({ width: 1000 })
  .png()
  .toFile('/tmp/leg-pre.png');
