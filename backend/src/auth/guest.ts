/** Guests transcribe without any form: an anonymous user row behind a session. */
import { randomInt } from 'node:crypto';
import type { DbOrTx } from '../db/client.js';
import { insertUser, type UserRow } from '../users/repository.js';

/** Creates a guest user with a friendly anonymous name. */
export function createGuest(db: DbOrTx): Promise<UserRow> {
  return insertUser(db, {
    displayName: `Guest ${randomInt(1000, 10000)}`,
    isGuest: true,
    role: 'volunteer',
  });
}
