/**
 * The operations the OpenAPI document describes, with their zod schemas. Open-data routes are
 * described in full; other domains' operations reference the request schemas their contracts
 * export (the document is generated from these, never written by hand).
 */
import type { z } from 'zod';
import { createTokenBody, loginBody, signupBody } from '../contracts/auth.js';
import { listDocumentsQuery } from '../contracts/documents.js';
import {
  aggregateQuery,
  aggregateResult,
  projectStats,
  provenance,
  recordsPage,
  recordsQuery,
  searchQuery,
  searchResult,
} from '../contracts/open-data.js';
import { createProjectBody, updateProjectBody } from '../contracts/projects.js';
import { publishReleaseBody, release, releaseList } from '../contracts/releases.js';
import { submitTranscriptionBody } from '../contracts/tasks.js';

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  responseType?: string;
  /** Public read: CORS open, rate limited, no sign-in needed. */
  public?: boolean;
}

const FIELD_FILTERS =
  'Per-field filters on public fields: `f.<field>=value` (equality), `min.<field>` / `max.<field>` ' +
  '(numbers and money amounts), `from.<field>` / `to.<field>` (dates, yyyy-mm-dd or yyyy-mm).';

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/projects/{slug}/records',
    tag: 'Open data',
    public: true,
    summary: 'Verified records (filter, sort, page)',
    description: FIELD_FILTERS,
    query: recordsQuery,
    response: recordsPage,
  },
  {
    method: 'get',
    path: '/projects/{slug}/records/aggregate',
    tag: 'Open data',
    public: true,
    summary: 'Group records and sum, count, average, min or max',
    description: `${FIELD_FILTERS} With any filter (or \`q\`) the groups cover only the matching records.`,
    query: aggregateQuery,
    response: aggregateResult,
  },
  {
    method: 'get',
    path: '/projects/{slug}/records/{id}/provenance',
    tag: 'Open data',
    public: true,
    summary: 'Where a record came from',
    response: provenance,
  },
  {
    method: 'get',
    path: '/projects/{slug}/stats',
    tag: 'Open data',
    public: true,
    summary: 'Summary figures of a project',
    response: projectStats,
  },
  {
    method: 'get',
    path: '/search',
    tag: 'Open data',
    public: true,
    summary: 'Full-text search over page text',
    query: searchQuery,
    response: searchResult,
  },
  {
    method: 'get',
    path: '/projects/{slug}/releases',
    tag: 'Releases',
    public: true,
    summary: 'Published releases, newest first',
    response: releaseList,
  },
  {
    method: 'post',
    path: '/projects/{slug}/releases',
    tag: 'Releases',
    summary: 'Publish an immutable release (editors)',
    body: publishReleaseBody,
    response: release,
  },
  {
    method: 'get',
    path: '/projects/{slug}/releases/{version}',
    tag: 'Releases',
    public: true,
    summary: 'One release (`latest` for the newest)',
    response: release,
  },
  {
    method: 'get',
    path: '/projects/{slug}/releases/{version}/datapackage.json',
    tag: 'Releases',
    public: true,
    summary: 'Frictionless Data Package descriptor',
    responseType: 'application/json',
  },
  {
    method: 'get',
    path: '/projects/{slug}/releases/{version}/files/{name}',
    tag: 'Releases',
    public: true,
    summary: 'A release file (CSV, JSON, NDJSON, XLSX)',
    responseType: 'application/octet-stream',
  },
  { method: 'get', path: '/openapi.json', tag: 'Open data', public: true, summary: 'This document' },
  { method: 'post', path: '/auth/signup', tag: 'Accounts', summary: 'Create an account', body: signupBody },
  { method: 'post', path: '/auth/login', tag: 'Accounts', summary: 'Sign in', body: loginBody },
  { method: 'get', path: '/auth/session', tag: 'Accounts', summary: 'The current session and CSRF token' },
  {
    method: 'post',
    path: '/auth/tokens',
    tag: 'Accounts',
    summary: 'Create a read-only API token',
    body: createTokenBody,
  },
  { method: 'get', path: '/projects', tag: 'Projects', summary: 'Projects you can see' },
  {
    method: 'post',
    path: '/projects',
    tag: 'Projects',
    summary: 'Create a project (editors)',
    body: createProjectBody,
  },
  { method: 'get', path: '/projects/{slug}', tag: 'Projects', summary: 'One project with progress' },
  {
    method: 'patch',
    path: '/projects/{slug}',
    tag: 'Projects',
    summary: 'Update a project (editors)',
    body: updateProjectBody,
  },
  {
    method: 'get',
    path: '/projects/{slug}/documents',
    tag: 'Documents',
    summary: 'Documents of a project',
    query: listDocumentsQuery,
  },
  {
    method: 'post',
    path: '/tasks/{id}/transcriptions',
    tag: 'Crowd',
    summary: 'Submit a transcription',
    body: submitTranscriptionBody,
  },
];
