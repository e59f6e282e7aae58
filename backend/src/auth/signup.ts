/** Sign up: a new account, or the caller's guest user upgraded in place (keeping its work). */
import type { SignupBody } from '../contracts/auth.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { findUserByEmail, insertUser, updateUser, type UserRow } from '../users/repository.js';
import { hashPassword } from './passwords.js';

export async function signUp(deps: { db: Db }, input: SignupBody, current: UserRow | null): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) {
      throw new AppError('email_taken', 'An account with this email already exists; log in instead');
    }
    const account = {
      email: input.email.trim(),
      displayName: input.displayName,
      passwordHash,
      isGuest: false,
    };
    if (current?.isGuest) return updateUser(tx, current.id, account);
    return insertUser(tx, { ...account, role: 'volunteer' });
  });
}
