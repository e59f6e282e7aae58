/** `cotejo export`: a project's records (or a published release) as CSV, JSON, NDJSON, XLSX or a data package. */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import type { ReleaseFile } from '../../contracts/releases.js';
import { openDatabase } from '../../db/client.js';
import { fail, notFound } from '../../errors.js';
import { exportPackage, exportProject } from '../../exports/export-project.js';
import { findProjectBySlug } from '../../projects/repository.js';
import { findRelease } from '../../releases/repository.js';
import { releaseFileKey, releaseStorage } from '../../releases/storage.js';

const FORMATS = ['csv', 'json', 'ndjson', 'xlsx', 'datapackage'] as const;
type Format = (typeof FORMATS)[number];

interface ExportOptions {
  project: string;
  format: Format;
  release?: string;
  out: string;
}

const outputOf = (out: string): Writable => (out === '-' ? process.stdout : createWriteStream(out));

/** Registers the command. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export verified records (public fields only) or a published release')
    .requiredOption('-p, --project <slug>', 'the project')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('csv'))
    .option('-r, --release <version>', 'a published release (or `latest`) instead of the current records')
    .option('-o, --out <path>', 'a file, `-` for stdout; a directory for --format datapackage', '-')
    .action(async (opts: ExportOptions) => {
      const config = loadConfig();
      const database = await openDatabase(config.database);
      try {
        const db = database.db;
        const project = await findProjectBySlug(db, opts.project);
        if (!project) throw notFound(`Project "${opts.project}"`);
        if (opts.release) {
          const release = await findRelease(db, project.id, opts.release);
          if (!release) throw notFound(`Release ${opts.release}`);
          const wanted = opts.format === 'datapackage' ? 'datapackage.json' : `records.${opts.format}`;
          const file = (release.files as ReleaseFile[]).find((f) => f.name === wanted);
          if (!file) throw notFound(`File ${wanted} of release ${release.version}`);
          const source = releaseStorage(config).createReadStream(
            releaseFileKey(project.slug, release.version, file.name),
          );
          await pipeline(source, outputOf(opts.out), { end: opts.out !== '-' });
          console.error(
            `release ${release.version}: ${file.name}, ${file.bytes} bytes, sha256 ${file.sha256}`,
          );
          return;
        }
        if (opts.format === 'datapackage') {
          if (opts.out === '-')
            throw fail('bad_request', 'A data package is several files: give --out <directory>');
          const rows = await exportPackage({ db }, project, opts.out, new Date());
          console.error(`${rows} records → ${opts.out}/datapackage.json`);
          return;
        }
        const out = outputOf(opts.out);
        const rows = await exportProject({ db }, project.id, opts.format, out);
        if (out !== process.stdout) {
          out.end();
          await new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
        }
        console.error(`${rows} records exported`);
      } finally {
        await database.close();
      }
    });
}
