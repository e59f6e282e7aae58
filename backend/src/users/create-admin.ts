/** Creating admins: from the CLI (`cotejo admin create`) and on first start from the environment. */
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { findUserByEmail, hasAdmin, insertUser, updateUser, type UserRow } from './repository.js';

/** Creates an admin, or promotes the existing account with that email and resets its password. */
export async function createAdmin(
  db: Db,
  input: { email: string; password: string; displayName?: string },
): Promise<{ user: UserRow; created: boolean }> {
  if (input.password.length < 10)
    throw new AppError('validation_failed', 'The password needs at least 10 characters');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, input.email);
    if (existing) {
      const user = await updateUser(tx, existing.id, { role: 'admin', passwordHash, isGuest: false });
      return { user, created: false };
    }
    const user = await insertUser(tx, {
      email: input.email,
      displayName: input.displayName ?? input.email.split('@')[0]!,
      passwordHash,
      role: 'admin',
    });
    return { user, created: true };
  });
}

/** On start: when no admin exists and COTEJO_ADMIN_EMAIL/PASSWORD are set, create that admin. */
export async function ensureAdminFromEnv(db: Db, email?: string, password?: string): Promise<UserRow | null> {
  if (!email || !password || (await hasAdmin(db))) return null;
  return (await createAdmin(db, { email, password })).user;
}
