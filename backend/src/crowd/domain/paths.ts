// Field paths name every votable thing: `total` (a field), `items[2].importe` (a table cell) and
// `items#rows` (a table's row count, which is voted on like a value).

/** Path of a table cell. */
export function cellPath(table: string, row: number, column: string): string {
  return `${table}[${row}].${column}`;
}

/** Path of a table's row count. */
export function rowCountPath(table: string): string {
  return `${table}#rows`;
}

export type ParsedPath =
  | { kind: 'field'; key: string }
  | { kind: 'cell'; table: string; row: number; column: string }
  | { kind: 'rows'; table: string };

/** Parses a field path; null when malformed. */
export function parsePath(path: string): ParsedPath | null {
  const cell = /^([a-z][a-z0-9_]*)\[(\d+)\]\.([a-z][a-z0-9_]*)$/.exec(path);
  if (cell)
    return { kind: 'cell', table: cell[1] ?? '', row: parseInt(cell[2] ?? '', 10), column: cell[3] ?? '' };
  const rows = /^([a-z][a-z0-9_]*)#rows$/.exec(path);
  if (rows) return { kind: 'rows', table: rows[1] ?? '' };
  return /^[a-z][a-z0-9_]*$/.test(path) ? { kind: 'field', key: path } : null;
}
