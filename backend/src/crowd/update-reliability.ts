/** Incremental reliability: each newly verified field adds one outcome per contributor. */
import { outcomeFor, type FieldResult } from './domain/index.js';
import type { ReliabilityOutcome } from './repository.js';

/** The outcomes of newly verified paths, summed per contributor (saveReconciles adds them). */
export function reliabilityOutcomes(
  computed: Record<string, FieldResult>,
  paths: string[],
): ReliabilityOutcome[] {
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
  return [...sums].map(([userId, s]) => ({ userId, ...s }));
}
