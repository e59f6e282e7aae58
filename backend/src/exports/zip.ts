/**
 * A small streaming ZIP writer (deflate, data descriptors, no ZIP64): enough for XLSX. Entries are
 * written one after another straight to the output, so a sheet of a million rows never sits in
 * memory. Timestamps are fixed so the same rows give the same bytes (reproducible checksums).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: UTF-8 names

/** Writes `chunk` and waits for 'drain' when the stream asks to (backpressure). */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** An open entry: write its bytes (backpressure-aware), then end it. */
export interface ZipEntry {
  write(chunk: string | Buffer): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];

  constructor(private readonly out: Writable) {}

  private async raw(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    await writeChunk(this.out, chunk);
  }

  /** Starts a deflated entry; only one entry is open at a time. */
  async open(name: string): Promise<ZipEntry> {
    const nameBytes = Buffer.from(name, 'utf8');
    const entry: CentralEntry = { name: nameBytes, crc: 0, compressed: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(nameBytes.length, 26);
    await this.raw(Buffer.concat([header, nameBytes]));
    const deflate = createDeflateRaw({ level: constants.Z_BEST_SPEED });
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    const ended = once(deflate, 'end');
    return {
      write: async (chunk) => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        await writeChunk(deflate, bytes);
      },
      end: async () => {
        deflate.end();
        await ended;
        await this.finishEntry(entry);
      },
    };
  }

  /** Adds a small entry in one go. */
  async add(name: string, content: string | Buffer): Promise<void> {
    const entry = await this.open(name);
    await entry.write(content);
    await entry.end();
  }

  private async finishEntry(entry: CentralEntry): Promise<void> {
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.raw(descriptor);
    this.entries.push(entry);
  }

  /** Writes the central directory; the caller ends the output stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      await this.raw(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(end);
  }
}
