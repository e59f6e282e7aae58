/**
 * Multipart uploads: each part named `file` is streamed into the consume function as it arrives
 * (never buffered whole in memory); one refused file does not stop the others.
 */
import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../errors.js';
import { toAppError } from '../http/middleware/errors.js';

export interface UploadOutcome<T> {
  accepted: T[];
  rejected: { filename: string; error: AppError }[];
}

const MAX_FILES = 50;

/** Reads every `file` part of `req` through `consume`, one after another, and waits for the whole body. */
export function receiveUploads<T>(
  req: Request,
  maxBytes: number,
  consume: (filename: string, body: Readable) => Promise<T>,
): Promise<UploadOutcome<T>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // One byte over the cap lets the consume function see (and report) the overflow itself.
      parser = busboy({
        headers: req.headers,
        limits: { files: MAX_FILES, fileSize: maxBytes + 1, fields: 20 },
      });
    } catch {
      reject(
        new AppError('bad_request', 'Send the files as multipart/form-data, each in a field named "file"'),
      );
      return;
    }
    const outcome: UploadOutcome<T> = { accepted: [], rejected: [] };
    let chain = Promise.resolve();
    parser.on('file', (field, file, info) => {
      const filename = info.filename ?? 'document.pdf';
      if (field !== 'file') {
        file.resume();
        return;
      }
      // Our own stream in between: when consume fails early, the rest of the part is drained, not stuck.
      const body = new PassThrough();
      file.pipe(body);
      chain = chain.then(() =>
        consume(filename, body).then(
          (result) => void outcome.accepted.push(result),
          (error: unknown) => {
            file.unpipe(body);
            file.resume();
            outcome.rejected.push({ filename, error: toAppError(error) });
          },
        ),
      );
    });
    parser.on('error', (error) => reject(new AppError('bad_request', `Unreadable upload: ${String(error)}`)));
    parser.on('close', () => void chain.then(() => resolve(outcome), reject));
    req.pipe(parser);
  });
}
