/** The default storage: a directory on local disk (`<COTEJO_DATA_DIR>/files`). */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertSafeKey,
  ObjectTooLargeError,
  type PutOptions,
  type Storage,
  type StoredObject,
} from './storage.js';

/** A Storage in `root`; writes go to a temp file in the same directory, then rename (atomic on POSIX). */
export function createLocalStorage(root: string): Storage {
  const resolve = (key: string) => path.join(root, assertSafeKey(key));
  return {
    async put(key, body, options = {}) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const measure = measuring(options);
      try {
        const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
        await pipeline(source, measure.transform, createWriteStream(temp, { flags: 'wx' }));
        await rename(temp, target);
        return measure.result();
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    get: (key) => readFile(resolve(key)),
    createReadStream: (key) => createReadStream(resolve(key)),
    async exists(key) {
      return access(resolve(key)).then(
        () => true,
        () => false,
      );
    },
    async delete(key) {
      await rm(resolve(key), { force: true });
    },
    localPath: resolve,
  };
}

/** Counts and hashes bytes on their way to disk, failing early past the size cap. */
function measuring(options: PutOptions): { transform: Transform; result(): StoredObject } {
  const hash = createHash('sha256');
  let bytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (options.maxBytes !== undefined && bytes > options.maxBytes) {
        callback(new ObjectTooLargeError(options.maxBytes));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { transform, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}
