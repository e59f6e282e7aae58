/** Dataset releases: immutable, versioned snapshots of a project's verified public records. */
import { z } from 'zod';

export const releaseVersion = z
  .string()
  .regex(
    /^\d{1,6}\.\d{1,6}(\.\d{1,6})?(-[0-9A-Za-z]{1,20}(\.[0-9A-Za-z]{1,20})*)?$/,
    'semver-like: 1.0.0, 2.1, 1.0.0-rc.1',
  );

export const publishReleaseBody = z.object({
  version: releaseVersion,
  notes: z.string().max(20_000).default(''),
});
export type PublishReleaseBody = z.infer<typeof publishReleaseBody>;

export const releaseFile = z.object({
  name: z.string(),
  format: z.enum(['csv', 'json', 'ndjson', 'xlsx', 'datapackage']),
  mediaType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  rows: z.number().int().nullable(),
  url: z.string().optional(),
});
export type ReleaseFile = z.infer<typeof releaseFile>;

export const release = z.object({
  version: z.string(),
  notes: z.string(),
  rowCount: z.number().int(),
  checksum: z.string().describe('sha256 over the `sha256  name` lines of every file, sorted by name'),
  files: z.array(releaseFile),
  publishedAt: z.string(),
  citation: z.string(),
});
export type Release = z.infer<typeof release>;

export const releaseList = z.object({ releases: z.array(release) });
