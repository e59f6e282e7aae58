/**
 * The Frictionless Data Package descriptor of a release: one tabular resource per CSV file, each
 * with a Table Schema whose field types come from the field schema (money → number plus a
 * `<key>_currency` string, dates → date, tax ids → string, booleans → boolean).
 */
import type { ExportColumn } from '../open-data/columns.js';

export interface PackagedCsv {
  name: string;
  path: string;
  columns: ExportColumn[];
  bytes: number;
  sha256: string;
  rows: number;
  primaryKey?: string[];
}

export interface PackageInfo {
  projectSlug: string;
  title: string;
  description: string;
  version: string;
  publishedAt: Date;
  publisher: string;
  homepage?: string;
}

const resourceName = (name: string) => name.toLowerCase().replace(/[^a-z0-9._-]/g, '-');

/** The datapackage.json object. */
export function dataPackage(info: PackageInfo, files: PackagedCsv[]): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: resourceName(info.projectSlug),
    title: info.title,
    description: info.description || undefined,
    version: info.version,
    created: info.publishedAt.toISOString(),
    homepage: info.homepage,
    contributors: [{ title: info.publisher, role: 'publisher' }],
    licenses: [
      {
        name: 'ODC-By-1.0',
        path: 'https://opendatacommons.org/licenses/by/1-0/',
        title: 'Open Data Commons Attribution License 1.0',
      },
    ],
    resources: files.map((f) => ({
      name: resourceName(f.name.replace(/\.csv$/, '')),
      path: f.path,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      bytes: f.bytes,
      hash: `sha256:${f.sha256}`,
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: {
        fields: f.columns.map((c) => ({
          name: c.name,
          type: c.type,
          ...(c.title ? { title: c.title } : {}),
          ...(c.type === 'date' ? { format: 'default' } : {}),
        })),
        ...(f.primaryKey ? { primaryKey: f.primaryKey } : {}),
        missingValues: [''],
      },
    })),
  };
}
