/** The review queue as editors see it: every candidate with its votes, and where to look on the page. */
import type { FieldSchemaDefinition, Region } from '../contracts/field-schema.js';
import type { ReviewCandidateView, ReviewItemView } from '../contracts/reviews.js';
import { parsePath, reliabilityScore, type Candidate } from '../crowd/domain/index.js';
import type { DbOrTx } from '../db/client.js';
import { schemaById } from '../schemas/repository.js';
import { parseStoredSchema } from '../schemas/save-schema.js';
import { contributorsByIds, reviewQueue } from './repository.js';

type Contributors = Awaited<ReturnType<typeof contributorsByIds>>;

function regionOf(schema: FieldSchemaDefinition | undefined, path: string | null): Region | undefined {
  const p = path ? parsePath(path) : null;
  if (!schema || !p) return undefined;
  const key = p.kind === 'field' ? p.key : p.table;
  const field = schema.fields.find((f) => f.key === key);
  if (field?.type === 'table' && p.kind === 'cell')
    return field.columns.find((c) => c.key === p.column)?.region ?? field.region;
  return field?.region;
}

function candidateView(c: Candidate, people: Contributors): ReviewCandidateView {
  return {
    candidate: c.marker ? `!${c.marker}` : (c.comparable ?? ''),
    comparable: c.comparable,
    marker: c.marker,
    value: c.value ?? null,
    support: c.support,
    ocr: c.ocr,
    votes: c.votes.map((v) => {
      const who = people.get(v.contributorId);
      const reliability = who ? reliabilityScore({ agree: who.agree, total: who.total }) : 0;
      return { contributor: who?.name ?? 'Unknown', weight: v.weight, reliability, source: v.source };
    }),
  };
}

/** Review items of a project. */
export async function listReviews(db: DbOrTx, projectId: string): Promise<ReviewItemView[]> {
  const rows = await reviewQueue(db, projectId);
  const ids = [
    ...new Set(
      rows.flatMap((r) =>
        ((r.candidates as Candidate[] | null) ?? []).flatMap((c) => c.votes.map((v) => v.contributorId)),
      ),
    ),
  ];
  const people = await contributorsByIds(db, ids);
  const schemas = new Map<string, FieldSchemaDefinition>();
  for (const id of new Set(rows.flatMap((r) => (r.schemaId ? [r.schemaId] : [])))) {
    const row = await schemaById(db, id);
    if (row) schemas.set(id, parseStoredSchema(row.definition));
  }
  const items: ReviewItemView[] = [];
  for (const r of rows) {
    const schema = r.schemaId ? schemas.get(r.schemaId) : undefined;
    const crop = (path: string | null) => {
      const region = regionOf(schema, path);
      const page = region?.page ?? r.pageNumber ?? 1;
      return {
        documentId: r.documentId,
        page,
        region: region ? { x: region.x, y: region.y, w: region.w, h: region.h } : null,
      };
    };
    if (r.fieldPath) {
      const candidates = ((r.candidates as Candidate[] | null) ?? []).map((c) => candidateView(c, people));
      items.push({
        taskId: r.taskId,
        documentId: r.documentId,
        fieldPath: r.fieldPath,
        kind: 'disputed_field',
        reason: 'no agreement at the limit',
        candidates,
        crop: crop(r.fieldPath),
      });
    }
    const checks = ((r.reasons as { code: string; message: string }[] | null) ?? []).filter(
      (x) => x.code === 'check_failed',
    );
    const first = rows.find((x) => x.taskId === r.taskId) === r;
    for (const check of first && r.taskStatus === 'review' ? checks : [])
      items.push({
        taskId: r.taskId,
        documentId: r.documentId,
        fieldPath: null,
        kind: 'failed_check',
        reason: check.message,
        candidates: [],
        crop: crop(null),
      });
  }
  return items;
}
