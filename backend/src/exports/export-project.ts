/**
 * Exports a project's current verified records (not a release) to a stream, or as a data package
 * (datapackage.json + CSV files) into a directory. Used by `cotejo export`.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Transform, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { RecordFormat } from '../contracts/open-data.js';
import type { DbOrTx } from '../db/client.js';
import { exportLayout } from '../open-data/columns.js';
import { latestSchema } from '../open-data/repository.js';
import type { ProjectWithOrg } from '../projects/repository.js';
import { dataPackage, type PackagedCsv } from './datapackage.js';
import { exportCsvFast, exportRecords } from './export-records.js';
import { csvSink, sinkFor } from './sinks.js';

/** Streams every record of a project in one format; resolves with the row count. */
export async function exportProject(
  deps: { db: DbOrTx },
  projectId: string,
  format: RecordFormat,
  out: Writable,
) {
  const layout = exportLayout(await latestSchema(deps.db, projectId));
  if (format === 'csv') return exportCsvFast(deps, projectId, layout.columns, null, out);
  return exportRecords(deps, projectId, [sinkFor(format, out, layout, null)]);
}

function hashing() {
  const hash = createHash('sha256');
  const transform = new Transform({
    transform(chunk: Buffer, _e, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { transform, digest: () => hash.digest('hex') };
}

/** Writes records.csv, one CSV per table group and datapackage.json into `dir`. */
export async function exportPackage(deps: { db: DbOrTx }, project: ProjectWithOrg, dir: string, now: Date) {
  await mkdir(dir, { recursive: true });
  const layout = exportLayout(await latestSchema(deps.db, project.id));
  const files = [
    { name: 'records.csv', columns: layout.columns, source: { kind: 'records' as const } },
    ...layout.tables.map((t) => ({
      name: `records_${t.key}.csv`,
      columns: t.columns,
      source: { kind: 'table' as const, key: t.key },
    })),
  ].map((f) => {
    const h = hashing();
    const file = createWriteStream(path.join(dir, f.name));
    h.transform.pipe(file);
    return { ...f, h, file, sink: csvSink(h.transform, f.columns, null, f.source) };
  });
  const rows = await exportRecords(
    deps,
    project.id,
    files.map((f) => f.sink),
  );
  for (const f of files) f.h.transform.end();
  await Promise.all(files.map((f) => finished(f.file)));
  const csvs: PackagedCsv[] = [];
  for (const f of files) {
    const bytes = (await stat(path.join(dir, f.name))).size;
    csvs.push({
      name: f.name,
      path: f.name,
      columns: f.columns,
      bytes,
      sha256: f.h.digest(),
      rows: f.sink.rows,
    });
  }
  const descriptor = dataPackage(
    {
      projectSlug: project.slug,
      title: project.title,
      description: project.description,
      version: 'unreleased',
      publishedAt: now,
      publisher: project.organizationName,
    },
    csvs,
  );
  await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify(descriptor, null, 2) + '\n');
  return rows;
}
