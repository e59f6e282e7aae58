/** A gold task calibrates its volunteer: outcomes against the editor's values, nothing else. */
import type { Tx } from '../db/client.js';
import {
  goldOutcome,
  updateReliability,
  NEW_VOLUNTEER,
  type SubmissionEntry,
} from '../crowd/domain/index.js';
import { addReliability } from './repository.js';

/** Gold values are comparables by path (`!illegible` for a marker). */
export function goldScore(gold: Record<string, unknown>, entries: Record<string, SubmissionEntry>) {
  const outcomes = Object.entries(gold).map(([path, expected]) => {
    const e = entries[path];
    const actual = !e ? null : e.kind === 'marker' ? `!${e.marker}` : e.comparable;
    return goldOutcome(String(expected), actual);
  });
  return updateReliability(NEW_VOLUNTEER, outcomes);
}

/** Adds a gold transcription's outcomes to the volunteer's reliability. */
export async function scoreGold(
  tx: Tx,
  userId: string,
  gold: Record<string, unknown>,
  entries: Record<string, SubmissionEntry>,
): Promise<void> {
  const s = goldScore(gold, entries);
  if (s.total > 0) await addReliability(tx, userId, s.agree, s.total);
}
