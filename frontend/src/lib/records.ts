/** A verified record as the feed and "my contributions" receive it (event summary or public values). */
export interface RecordLike {
  id: string;
  summary?: Readonly<Record<string, string | null>>;
  values?: Readonly<Record<string, unknown>>;
}

function show(value: unknown): string | null {
  // Event summaries carry structured values (money) as JSON text.
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      return show(JSON.parse(value) as unknown);
    } catch {
      return value;
    }
  }
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && 'amount' in value) {
    const money = value as { amount: unknown; currency?: unknown };
    return [money.amount, money.currency].filter((p) => typeof p === 'string' && p).join(' ') || null;
  }
  return null;
}

/** A short line for a record: its first few readable values, joined. */
export function recordSummaryText(record: RecordLike, max = 4): string {
  const source = record.summary ?? record.values ?? {};
  return Object.values(source)
    .map(show)
    .filter((v): v is string => v !== null)
    .slice(0, max)
    .join(' · ');
}
