/**
 * Where uploaded originals and page images live. The interface is small on purpose so that an
 * S3-compatible store can implement it (put streams, keys are opaque slash-separated names).
 */
import type { Readable } from 'node:stream';

export interface StoredObject {
  bytes: number;
  sha256: string;
}

export interface PutOptions {
  /** Refuse (and remove the partial object) once more than this many bytes have arrived. */
  maxBytes?: number;
}

export interface Storage {
  /** Writes an object atomically: readers see the old object or the complete new one, never a part. */
  put(key: string, body: Readable | Buffer, options?: PutOptions): Promise<StoredObject>;
  get(key: string): Promise<Buffer>;
  createReadStream(key: string): Readable;
  exists(key: string): Promise<boolean>;
  /** Removes an object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** The object's path on this machine, for stores that have one (worker threads read it directly). */
  localPath?(key: string): string;
}

/** Thrown by put when the body is larger than `maxBytes`. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

const SAFE_KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** Throws unless `key` is a relative path of safe segments (no `..`, no absolute paths, no odd characters). */
export function assertSafeKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`Unsafe storage key: ${JSON.stringify(key)}`);
  }
  return key;
}

/** Storage keys of a document's files; every part is an id or a number, never user input. */
export const storageKeys = {
  original: (projectId: string, documentId: string) => `documents/${projectId}/${documentId}/original.pdf`,
  pageImage: (
    projectId: string,
    documentId: string,
    page: number,
    sha256: string,
    kind: 'display' | 'thumb',
  ) => `documents/${projectId}/${documentId}/pages/${page}-${kind}-${sha256.slice(0, 16)}.webp`,
};
