/** Incremental reliability: each newly verified field adds one outcome per contributor. */
import type { Tx } from '../db/client.js';
import { addReliabilityMany } from '../transcriptions/repository.js';
import { outcomeFor, type FieldResult } from './domain/index.js';

/** Adds the outcomes of newly verified paths to every contributor's reliability. */
export async function applyOutcomes(
  tx: Tx,
  computed: Record<string, FieldResult>,
  paths: string[],
): Promise<void> {
  const sums = new Map<string, { agree: number; total: number }>();
  for (const path of paths) {
    const result = computed[path];
    if (!result) continue;
    const contributors = new Set(result.candidates.flatMap((c) => c.votes.map((v) => v.contributorId)));
    for (const id of contributors) {
      const outcome = outcomeFor(result, id);
      if (!outcome) continue;
      const s = sums.get(id) ?? { agree: 0, total: 0 };
      sums.set(id, { agree: s.agree + outcome.agreement, total: s.total + 1 });
    }
  }
  await addReliabilityMany(
    tx,
    [...sums].map(([userId, s]) => ({ userId, ...s })),
  );
}
