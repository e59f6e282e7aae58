/**
 * Log in with lockout: after MAX_FAILURES failed attempts on one email within the window the
 * email is locked for the window, whether or not an account exists (no user enumeration).
 */
import type { LoginBody } from '../contracts/auth.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Clock } from '../http/context.js';
import { findUserByEmail, type UserRow } from '../users/repository.js';
import { mergeGuestInto } from './merge-guest.js';
import { verifyPassword } from './passwords.js';
import { recentFailures, recordAttempt } from './repository.js';

export const MAX_FAILURES = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;

export async function logIn(
  deps: { db: Db; clock: Clock },
  input: LoginBody,
  current: UserRow | null,
): Promise<UserRow> {
  const key = `login:${input.email.trim().toLowerCase()}`;
  const since = new Date(deps.clock.now().getTime() - LOCK_WINDOW_MS);
  if ((await recentFailures(deps.db, key, since)) >= MAX_FAILURES) {
    throw new AppError('account_locked', 'Too many failed attempts; try again in 15 minutes');
  }
  const user = await findUserByEmail(deps.db, input.email.trim());
  const ok = await verifyPassword(user?.isGuest ? null : (user?.passwordHash ?? null), input.password);
  if (!ok || !user) {
    await recordAttempt(deps.db, key, false);
    throw new AppError('invalid_credentials', 'Wrong email or password');
  }
  await deps.db.transaction(async (tx) => {
    await recordAttempt(tx, key, true);
    if (current?.isGuest && current.id !== user.id) await mergeGuestInto(tx, current.id, user.id);
  });
  return user;
}
