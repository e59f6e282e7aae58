/**
 * Publishes a release: one pass over the verified records feeds every file at once (CSV, JSON,
 * NDJSON, XLSX, one CSV per table group) so all files hold the same rows; then the data package,
 * the checksums, and the `releases` row. Files are written once and never rewritten.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { ReleaseFile } from '../contracts/releases.js';
import type { DbOrTx } from '../db/client.js';
import { AppError } from '../errors.js';
import { dataPackage, type PackagedCsv } from '../exports/datapackage.js';
import { exportRecords } from '../exports/export-records.js';
import { csvSink, jsonSink, MEDIA_TYPES, xlsxSink, type ExportSink } from '../exports/sinks.js';
import { exportLayout, type ExportColumn } from '../open-data/columns.js';
import { latestSchema } from '../open-data/repository.js';
import type { ProjectWithOrg } from '../projects/repository.js';
import type { Storage } from '../storage/storage.js';
import { findRelease, insertRelease, type ReleaseRow } from './repository.js';
import { releaseFileKey } from './storage.js';

export interface PublishDeps {
  db: DbOrTx;
  storage: Storage;
  clock: { now(): Date };
}

interface PlannedFile {
  name: string;
  format: ReleaseFile['format'];
  sink: ExportSink;
  stream: PassThrough;
  columns?: ExportColumn[];
}

const inFlight = new Set<string>();

/** Publishes `version` of a project; a version that exists (or is being published) is a 409. */
export async function publishRelease(
  deps: PublishDeps,
  project: ProjectWithOrg,
  input: { version: string; notes: string; publishedBy: string | null },
): Promise<ReleaseRow> {
  const lock = `${project.id}/${input.version}`;
  if (inFlight.has(lock) || (await findRelease(deps.db, project.id, input.version))) {
    throw new AppError(
      'release_exists',
      `Version ${input.version} is already published; releases never change`,
    );
  }
  inFlight.add(lock);
  try {
    return await writeRelease(deps, project, input);
  } finally {
    inFlight.delete(lock);
  }
}

function planFiles(layout: ReturnType<typeof exportLayout>, version: string): PlannedFile[] {
  const file = (
    name: string,
    format: PlannedFile['format'],
    make: (s: PassThrough) => ExportSink,
    columns?: ExportColumn[],
  ) => {
    const stream = new PassThrough();
    return { name, format, stream, sink: make(stream), columns };
  };
  return [
    file(
      'records.csv',
      'csv',
      (s) => csvSink(s, layout.columns, version, { kind: 'records' }),
      layout.columns,
    ),
    ...layout.tables.map((t) =>
      file(
        `records_${t.key}.csv`,
        'csv',
        (s) => csvSink(s, t.columns, version, { kind: 'table', key: t.key }),
        t.columns,
      ),
    ),
    file('records.json', 'json', (s) => jsonSink(s, layout, version, false)),
    file('records.ndjson', 'ndjson', (s) => jsonSink(s, layout, version, true)),
    file('records.xlsx', 'xlsx', (s) => xlsxSink(s, layout.columns, version, 'records')),
  ];
}

/** Streams the records into every planned file at once; returns the files as stored. */
async function writeFiles(
  deps: PublishDeps,
  projectId: string,
  planned: PlannedFile[],
  key: (n: string) => string,
) {
  const puts = planned.map((f) => deps.storage.put(key(f.name), f.stream));
  let rowCount: number;
  try {
    rowCount = await exportRecords(
      deps,
      projectId,
      planned.map((f) => f.sink),
    );
  } catch (error) {
    // Destroyed bodies make every put fail and remove its partial file.
    for (const f of planned) f.stream.destroy(error as Error);
    await Promise.allSettled(puts);
    throw error;
  }
  for (const f of planned) f.stream.end();
  const stored = await Promise.all(puts);
  const files: ReleaseFile[] = planned.map((f, i) => ({
    name: f.name,
    format: f.format,
    mediaType: MEDIA_TYPES[f.format],
    bytes: stored[i]!.bytes,
    sha256: stored[i]!.sha256,
    rows: f.sink.rows,
  }));
  return { rowCount, files };
}

/** The data package over the release's CSV files. */
function packageOf(
  project: ProjectWithOrg,
  version: string,
  publishedAt: Date,
  planned: PlannedFile[],
  files: ReleaseFile[],
) {
  const csvs: PackagedCsv[] = planned.flatMap((f, i) =>
    f.format === 'csv' && f.columns
      ? [
          {
            name: f.name,
            path: f.name,
            columns: f.columns,
            bytes: files[i]!.bytes,
            sha256: files[i]!.sha256,
            rows: files[i]!.rows!,
          },
        ]
      : [],
  );
  const info = {
    projectSlug: project.slug,
    title: project.title,
    description: project.description,
    version,
    publishedAt,
    publisher: project.organizationName,
  };
  return Buffer.from(JSON.stringify(dataPackage(info, csvs), null, 2) + '\n');
}

async function writeRelease(
  deps: PublishDeps,
  project: ProjectWithOrg,
  input: { version: string; notes: string; publishedBy: string | null },
): Promise<ReleaseRow> {
  const layout = exportLayout(await latestSchema(deps.db, project.id));
  const planned = planFiles(layout, input.version);
  const key = (name: string) => releaseFileKey(project.slug, input.version, name);
  const { rowCount, files } = await writeFiles(deps, project.id, planned, key);
  const publishedAt = deps.clock.now();
  const pkg = await deps.storage.put(
    key('datapackage.json'),
    packageOf(project, input.version, publishedAt, planned, files),
  );
  files.push({
    name: 'datapackage.json',
    format: 'datapackage',
    mediaType: MEDIA_TYPES.datapackage,
    ...pkg,
    rows: null,
  });
  return insertRelease(deps.db, {
    projectId: project.id,
    version: input.version,
    rowCount,
    checksum: overallChecksum(files),
    files,
    notes: input.notes,
    publishedBy: input.publishedBy,
    publishedAt,
  });
}

/** sha256 over `sha256  name` lines sorted by name (what `sha256sum -c` reads). */
export function overallChecksum(files: Array<Pick<ReleaseFile, 'name' | 'sha256'>>): string {
  const lines = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((f) => `${f.sha256}  ${f.name}\n`)
    .join('');
  return createHash('sha256').update(lines).digest('hex');
}
