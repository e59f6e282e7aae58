import type { ApiTokenInfo, SessionUser } from '../contracts/auth.js';
import type { DbOrTx } from '../db/client.js';
import { membershipsOf, type UserRow } from '../users/repository.js';
import type { ApiTokenRow } from './repository.js';

/** The user as the session endpoint shows it (no hashes, counters or lock state). */
export async function presentSessionUser(db: DbOrTx, user: UserRow): Promise<SessionUser> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    isGuest: user.isGuest,
    organizations: user.isGuest ? [] : await membershipsOf(db, user.id),
  };
}

/** An API token as listed (never the token itself). */
export function presentApiToken(row: ApiTokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
