/**
 * Full-text search over every public page: Spanish and English, accent-insensitive, snippets with
 * the matches highlighted. Values of private fields found in a snippet are blacked out.
 */
import type { SearchHit, SearchQuery } from '../contracts/open-data.js';
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { DbOrTx } from '../db/client.js';
import { latestSchema } from '../open-data/repository.js';
import { MARK_END, MARK_START, recordValuesOfPages, searchPages } from './repository.js';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Private field values (tables included) as loose patterns: digits may be printed with separators. */
export function privatePatterns(
  schema: FieldSchemaDefinition | null,
  values: Record<string, unknown>,
): string[] {
  const found: string[] = [];
  const take = (v: unknown) => {
    if (typeof v === 'string' && v.trim().length >= 3) found.push(v.trim());
    else if (v && typeof v === 'object' && typeof (v as { amount?: unknown }).amount === 'string')
      found.push((v as { amount: string }).amount);
  };
  for (const f of schema?.fields ?? []) {
    if (f.type !== 'table') {
      if (!f.public) take(values[f.key]);
      continue;
    }
    const rows = Array.isArray(values[f.key]) ? (values[f.key] as Record<string, unknown>[]) : [];
    for (const c of f.columns) if (!f.public || !c.public) rows.forEach((r) => take(r[c.key]));
  }
  return found.map((v) => {
    const chars = [...v].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return chars.join(`[\\s.\\-/${MARK_START}${MARK_END}]*`);
  });
}

/** Runs a search; hits come with an HTML-safe snippet, matches in <mark>. */
export async function searchText(deps: { db: DbOrTx; now: Date }, query: SearchQuery): Promise<SearchHit[]> {
  const hits = await searchPages(deps.db, {
    q: query.q,
    projectSlug: query.project,
    limit: query.limit,
    offset: query.offset,
    now: deps.now,
  });
  const records = await recordValuesOfPages(
    deps.db,
    hits.map((h) => ({ documentId: h.document_id, page: h.number })),
  );
  const schemas = new Map<string, FieldSchemaDefinition | null>();
  for (const id of new Set(records.map((r) => r.project_id)))
    schemas.set(id, await latestSchema(deps.db, id));
  const patterns = [
    ...new Set(records.flatMap((r) => privatePatterns(schemas.get(r.project_id) ?? null, r.values))),
  ];
  // One alternation, longest first, so a snippet is scanned once whatever the number of values.
  const redact = patterns.length
    ? new RegExp(patterns.sort((a, b) => b.length - a.length).join('|'), 'giu')
    : null;
  return hits.map((h) => {
    const text = redact ? h.headline.replace(redact, (m) => '█'.repeat(Math.min(m.length, 12))) : h.headline;
    const snippet = escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
    return {
      project: { slug: h.slug, title: h.title },
      document: { id: h.document_id, filename: h.original_filename },
      page: h.number,
      rank: Number(h.rank),
      snippet,
    };
  });
}
