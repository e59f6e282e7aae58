/** SQL for sessions, API tokens and login attempts. */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { columnsAs, rowOf, runStatement, statement, type DbOrTx } from '../db/client.js';
import { TtlCache } from '../db/memo.js';
import { apiTokens, authAttempts, sessions, users } from '../db/schema.js';
import type { UserRow } from '../users/repository.js';
import { hashToken, randomToken } from './crypto.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Creates a session; returns the raw token (only its hash is stored). */
export async function createSession(
  db: DbOrTx,
  userId: string,
  expiresAt: Date,
  userAgent?: string,
): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const [row] = await db
    .insert(sessions)
    .values({ userId, tokenHash: hashToken(token), expiresAt, userAgent: userAgent?.slice(0, 300) })
    .returning({ id: sessions.id });
  return { token, id: row!.id };
}

/**
 * Resolved sessions are kept for a few seconds so a volunteer's lease and submit do not each look
 * the session up. Logging out, merging a guest and every change to a user drop that user's entries
 * at once in this process; other processes (several `cotejo serve` on one server) see such a change
 * within SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 3_000;
interface CachedSession {
  handle: DbOrTx;
  sessionId: string;
  user: UserRow;
  expiresAt: Date;
}
const sessionCache = new TtlCache<string, CachedSession>(SESSION_CACHE_MS, 50_000);

/** Forgets the cached sessions of a user (after any change to the user or their sessions). */
export function forgetSessionsOf(userId: string): void {
  sessionCache.deleteWhere((s) => s.user.id === userId);
}

/** The live session and its user for a raw session token. */
export async function findSession(
  db: DbOrTx,
  token: string,
  now: Date,
): Promise<{ sessionId: string; user: UserRow } | undefined> {
  const key = hashToken(token);
  const hit = sessionCache.get(key);
  if (hit && hit.handle === db && hit.expiresAt > now) return { sessionId: hit.sessionId, user: hit.user };
  const [raw] = await runStatement<
    Record<string, unknown> & { sessionId: string; expiresAt: string | Date },
    SessionValues
  >(db, sessionStatement, { tokenHash: key, now });
  if (!raw) return undefined;
  const row = { sessionId: raw.sessionId, expiresAt: new Date(raw.expiresAt), user: rowOf(users, raw, 'u') };
  sessionCache.set(key, { handle: db, ...row });
  return { sessionId: row.sessionId, user: row.user };
}

interface SessionValues extends Record<string, unknown> {
  tokenHash: string;
  now: Date;
}

/** Every request with a session cookie looks it up (a compiled statement: see db/client.ts). */
const sessionStatement = statement<SessionValues>(
  'find_session',
  (p) => sql`select s.id as "sessionId", s.expires_at as "expiresAt", ${columnsAs(users, 'u')}
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${p.tokenHash} and s.expires_at > ${p.now}
    limit 1`,
);

/** Deletes one session (log out). */
export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  sessionCache.deleteWhere((s) => s.sessionId === sessionId);
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Deletes every session of a user (after a guest is merged into an account). */
export async function deleteSessionsOf(db: DbOrTx, userId: string): Promise<void> {
  forgetSessionsOf(userId);
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Creates an API token; returns the raw token once. */
export async function createApiToken(
  db: DbOrTx,
  userId: string,
  name: string,
): Promise<{ token: string; row: ApiTokenRow }> {
  const token = `ctj_${randomToken(30)}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10), scopes: ['read'] })
    .returning();
  return { token, row: row! };
}

/** The user behind a live (not revoked) API token, and marks it used. */
export async function findApiToken(
  db: DbOrTx,
  token: string,
): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
  const rows = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  const found = rows[0];
  if (found)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, found.token.id));
  return found;
}

/** A user's API tokens, newest first (never the token itself). */
export async function listApiTokens(db: DbOrTx, userId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

/** Revokes a user's API token; false when it is not theirs. */
export async function revokeApiToken(db: DbOrTx, userId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Records a login attempt under a key (the folded email). */
export async function recordAttempt(db: DbOrTx, key: string, succeeded: boolean): Promise<void> {
  await db.insert(authAttempts).values({ key, succeeded });
}

/** Failed attempts for a key since `since`, stopping at the last success. */
export async function recentFailures(db: DbOrTx, key: string, since: Date): Promise<number> {
  const rows = await db
    .select({ failures: sql<number>`count(*)::int` })
    .from(authAttempts)
    .where(
      and(
        eq(authAttempts.key, key),
        eq(authAttempts.succeeded, false),
        gt(authAttempts.at, since),
        sql`${authAttempts.at} > coalesce((select max(a2.at) from auth_attempts a2 where a2.key = ${key} and a2.succeeded), 'epoch'::timestamptz)`,
      ),
    );
  return rows[0]?.failures ?? 0;
}
