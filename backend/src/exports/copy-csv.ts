/**
 * The PostgreSQL-server CSV export: one `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)` streamed
 * through a transform that turns COPY's LF line ends into RFC 4180 CRLF (line breaks inside
 * quoted values are data and stay as they are). Same bytes as the page-by-page path.
 */
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import type { DbOrTx } from '../db/client.js';
import type { ExportColumn } from '../open-data/columns.js';
import { writeChunk } from './zip.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pg pool behind a Drizzle database on a PostgreSQL server (undefined for PGlite and transactions). */
export function poolOf(db: DbOrTx): pg.Pool | undefined {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/** A SQL string literal (COPY takes no bind parameters). */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The COPY statement: the columns' SQL over `records r join documents d`, in id order. Empty text
 * becomes NULL so COPY writes it unquoted, as the other path does (both are an empty cell).
 */
export function copyCsvSql(projectId: string, columns: ExportColumn[], version: string | null): string {
  if (!UUID.test(projectId)) throw new Error(`bad project id ${projectId}`);
  const cells = columns.map((c) =>
    c.sql ? `nullif((${c.sql})::text, '')` : version ? literal(version) : 'null::text',
  );
  return `copy (select ${cells.join(', ')} from records r join documents d on d.id = r.document_id
    where r.project_id = ${literal(projectId)} order by r.id) to stdout with (format csv)`;
}

/** Rewrites LF line ends outside quotes as CRLF, across chunk boundaries; counts the lines. */
export class CrlfLines {
  rows = 0;
  private quoted = false;

  transform(chunk: Buffer): Buffer {
    const ends: number[] = [];
    let quote = chunk.indexOf(QUOTE);
    let pos = 0;
    for (;;) {
      const lf = chunk.indexOf(LF, pos);
      // Quotes before the next LF toggle the state (a doubled quote toggles twice).
      while (quote !== -1 && (lf === -1 || quote < lf)) {
        this.quoted = !this.quoted;
        quote = chunk.indexOf(QUOTE, quote + 1);
      }
      if (lf === -1) break;
      if (!this.quoted) ends.push(lf);
      pos = lf + 1;
    }
    if (!ends.length) return chunk;
    this.rows += ends.length;
    const out = Buffer.allocUnsafe(chunk.length + ends.length);
    let from = 0;
    let at = 0;
    for (const lf of ends) {
      at += chunk.copy(out, at, from, lf);
      out[at++] = CR;
      out[at++] = LF;
      from = lf + 1;
    }
    chunk.copy(out, at, from);
    return out;
  }
}

/** Streams the CSV rows (no header) into `out` with backpressure; resolves with the row count. */
export async function copyCsvRows(
  pool: pg.Pool,
  projectId: string,
  columns: ExportColumn[],
  version: string | null,
  out: Writable,
): Promise<number> {
  const client = await pool.connect();
  try {
    // One snapshot for the whole file. Reading a large project in id order through the id index
    // is random heap access; a scan plus a sort reads the table in order instead.
    await client.query('begin isolation level repeatable read read only');
    await client.query("set local enable_indexscan = off; set local work_mem = '64MB'");
    const stream = client.query(copyTo(copyCsvSql(projectId, columns, version)));
    const lines = new CrlfLines();
    for await (const chunk of stream as AsyncIterable<Buffer>) await writeChunk(out, lines.transform(chunk));
    await client.query('commit');
    client.release();
    return lines.rows;
  } catch (error) {
    // A COPY abandoned half-way (the reader went away) leaves the connection mid-protocol: close
    // it instead of returning it to the pool (the server then ends the transaction).
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
