import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  createOcrPool,
  isPipelineError,
  ocrCommandOutput,
  runPipeline,
  type OcrLanguages,
} from '@cotejo/ocr';
import { loadConfig } from '../../config/env.js';
import { EXIT } from '../exit.js';

/** `cotejo ocr`: the pipeline on one file, no database: text per page, or JSON with words and boxes. */
export function registerOcr(program: Command): void {
  program
    .command('ocr')
    .description('read a PDF or an image (text layer or OCR) and print its text per page')
    .argument('<file>', 'a PDF, or a PNG/JPEG/TIFF/WebP image')
    .addOption(
      new Option('-l, --lang <languages>', 'OCR languages').choices(['spa', 'eng', 'spa+eng']).default('spa'),
    )
    .option('--json', 'print {"pages":[{number,width,height,source,text,words:[{text,bbox,confidence}]}]}')
    .action(async (file: string, opts: { lang: OcrLanguages; json?: boolean }) => {
      const config = loadConfig();
      const bytes = await readFile(file);
      const ocr = createOcrPool({ engine: config.COTEJO_OCR_ENGINE });
      try {
        const result = await runPipeline(bytes, {
          languages: opts.lang,
          ocr,
          limits: { maxPages: config.COTEJO_MAX_PAGES, maxBytes: config.COTEJO_MAX_UPLOAD_MB * 1024 * 1024 },
          onPage: (page, count) => {
            if (!opts.json) process.stderr.write(`page ${page.number}/${count} (${page.source})\n`);
          },
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(ocrCommandOutput(result))}\n`);
        else
          for (const page of result.pages)
            process.stdout.write(`--- page ${page.number} (${page.source}) ---\n${page.text}\n`);
      } catch (error) {
        if (!isPipelineError(error)) throw error;
        console.error(`cotejo: ${error.code}: ${error.message}`);
        process.exitCode = EXIT.failure;
      } finally {
        await ocr.close();
      }
    });
}
