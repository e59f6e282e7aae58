import { describe, expect, it } from '@jest/globals';
import type { ExportColumn } from '../open-data/columns.js';
import { copyCsvSql, CrlfLines } from './copy-csv.js';

const LF_CSV = 'a,"b\nc",d\n"x""\n",,z\n"",\r,q\nlast,"\r\n",end\n';
const CRLF_CSV = 'a,"b\nc",d\r\n"x""\n",,z\r\n"",\r,q\r\nlast,"\r\n",end\r\n';

describe('CrlfLines', () => {
  it('ends lines with CRLF outside quotes only, however the input is cut', () => {
    const input = Buffer.from(LF_CSV);
    for (let size = 1; size <= input.length; size++) {
      const lines = new CrlfLines();
      const parts: Buffer[] = [];
      for (let at = 0; at < input.length; at += size)
        parts.push(lines.transform(input.subarray(at, at + size)));
      expect(Buffer.concat(parts).toString()).toBe(CRLF_CSV);
      expect(lines.rows).toBe(4);
    }
  });
});

describe('copyCsvSql', () => {
  const columns = [
    { name: 'record_id', type: 'string', sql: 'r.id::text', cell: () => null },
    { name: 'release_version', type: 'string', cell: () => null },
  ] as ExportColumn[];

  it('inlines the project id and version as literals, and refuses anything but a uuid', () => {
    const text = copyCsvSql('0b8f1a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', columns, "v1'; drop");
    expect(text).toContain("r.project_id = '0b8f1a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'");
    expect(text).toContain("'v1''; drop'");
    expect(() => copyCsvSql("x' or true --", columns, null)).toThrow();
  });
});
