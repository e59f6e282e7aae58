/**
 * VozData's rule on the same documents and volunteers: whole-record transcriptions until three are
 * identical on every field. Pure and in memory (it needs no scheduler: VozData had none); capped at
 * `cap` transcriptions per document, after which the document counts as stalled.
 */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import {
  validateSubmission,
  vozdataRecord,
  type SubmissionValues,
  type WholeRecordTranscription,
} from '../crowd/domain/index.js';
import type { Rng } from './random.js';
import { answer, fixErrors, type Profile } from './volunteer.js';
import type { SimWorld } from './world.js';

export interface BaselineMetrics {
  fieldAccuracy: number | null;
  entriesPerVerifiedField: number | null;
  reviewShare: number;
  stalledShare: number;
  verifiedFields: number;
  entries: number;
}

function transcribe(
  schema: FieldSchemaDefinition,
  doc: SimWorld['docs'] extends Map<string, infer D> ? D : never,
  profile: Profile,
  rng: Rng,
  locale: string,
) {
  let values = answer(schema, null, doc.sim, profile.errorRate, rng);
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = validateSubmission(schema, values as SubmissionValues, {}, locale);
    if (r.ok)
      return Object.fromEntries(
        Object.entries(r.entries).map(([p, e]) => [p, e.kind === 'marker' ? `!${e.marker}` : e.comparable]),
      );
    values = fixErrors(
      values,
      r.errors.map((e) => e.path),
      doc.sim,
    );
  }
  return null;
}

/** Runs the baseline. */
export function vozdataBaseline(world: SimWorld, rng: Rng, cap = 10): BaselineMetrics {
  let [entries, verifiedFields, wrong, stalled] = [0, 0, 0, 0];
  for (const doc of world.docs.values()) {
    const { schema, project } = doc.project;
    const pool = [...world.volunteers].sort(() => rng() - 0.5);
    const done: WholeRecordTranscription[] = [];
    let result: ReturnType<typeof vozdataRecord> = { status: 'pending', transcriptions: 0 };
    for (const v of pool.slice(0, cap)) {
      const values = transcribe(schema, doc, v.profile, rng, project.locale);
      if (!values) continue;
      entries += Object.keys(values).length;
      done.push({ contributorId: v.user.id, values });
      result = vozdataRecord(done, 3);
      if (result.status === 'verified') break;
    }
    if (result.status !== 'verified') {
      stalled++;
      continue;
    }
    for (const [path, c] of Object.entries(result.values)) {
      verifiedFields++;
      if (doc.expected[path] !== c) wrong++;
    }
  }
  const n = world.docs.size || 1;
  return {
    fieldAccuracy: verifiedFields ? (verifiedFields - wrong) / verifiedFields : null,
    entriesPerVerifiedField: verifiedFields ? entries / verifiedFields : null,
    reviewShare: 0,
    stalledShare: stalled / n,
    verifiedFields,
    entries,
  };
}
