/** Importing files from disk (`cotejo import`): the same consume function as the upload route. */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { toAppError } from '../http/middleware/errors.js';
import { consumeDocument } from './consume.js';
import type { PipelineDeps } from './pipeline.js';

export interface ImportedFile {
  file: string;
  outcome: 'queued' | 'duplicate' | 'refused';
  documentId?: string;
  pageCount?: number | null;
  error?: { code: string; message: string };
}

/** The PDFs named on the command line: files as given, folders searched recursively for *.pdf. */
export function collectPdfFiles(paths: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.pdf$/i.test(name)) found.push(full);
    }
  };
  for (const given of paths) {
    if (statSync(given).isDirectory()) walk(given);
    else found.push(given);
  }
  return found;
}

/** Consumes each file in turn; a refusal is reported and the next file goes on. */
export async function importFiles(
  deps: Pick<PipelineDeps, 'db' | 'publisher' | 'storage' | 'limits' | 'enqueued'>,
  project: { id: string },
  files: string[],
  onFile: (result: ImportedFile) => void = () => undefined,
): Promise<ImportedFile[]> {
  const results: ImportedFile[] = [];
  for (const file of files) {
    let result: ImportedFile;
    try {
      const doc = await consumeDocument(deps, {
        project,
        filename: path.basename(file),
        body: createReadStream(file),
        uploadedBy: null,
      });
      result = { file, outcome: 'queued', documentId: doc.id, pageCount: doc.pageCount };
    } catch (error) {
      const appError = error instanceof AppError ? error : toAppError(error);
      const duplicateOf = (appError.details as { documentId?: string } | undefined)?.documentId;
      result =
        appError.code === 'duplicate_document'
          ? { file, outcome: 'duplicate', documentId: duplicateOf }
          : { file, outcome: 'refused', error: { code: appError.code, message: appError.message } };
    }
    results.push(result);
    onFile(result);
  }
  return results;
}
