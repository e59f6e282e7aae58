/** Shared steps of the documents tests: uploading files and waiting for the pipeline. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TestClient } from '../support/client.js';
import { ROOT } from '../support/cli.js';

export const FIXTURES = path.join(ROOT, 'fixtures');

/** Reads a fixture file. */
export function fixture(relative: string): Buffer {
  return readFileSync(path.join(FIXTURES, relative));
}

/** Uploads files as multipart `file` parts. */
export function upload(client: TestClient, slug: string, files: { name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  for (const file of files)
    form.append('file', new Blob([file.bytes], { type: 'application/pdf' }), file.name);
  return client.post(`/api/v1/projects/${slug}/documents`, form);
}

/** Polls a document until it is ready or failed. */
export async function waitForDocument(client: TestClient, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/v1/documents/${id}`);
    if (res.status !== 200)
      throw new Error(`GET document answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.body.document.status === 'ready' || res.body.document.status === 'failed')
      return res.body.document;
    if (Date.now() > deadline) throw new Error(`Document still ${res.body.document.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every file under a directory (relative paths), for "nothing was left behind" checks. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}
