/** Where release files live: `<data dir>/files/releases/<project>/<version>/<name>`. */
import path from 'node:path';
import type { Config } from '../config/env.js';
import { createLocalStorage } from '../storage/local.js';
import type { Storage } from '../storage/storage.js';

/** The storage release files go to (the same local store the pipeline uses). */
export function releaseStorage(config: Pick<Config, 'dataDir'>): Storage {
  return createLocalStorage(path.join(config.dataDir, 'files'));
}

/** The storage key of one release file. */
export const releaseFileKey = (projectSlug: string, version: string, name: string) =>
  `releases/${projectSlug}/${version}/${name}`;
