/** SQL for organization invitations. */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { invitations, memberships, users } from '../db/schema.js';

export type InvitationRow = typeof invitations.$inferSelect;

/** Inserts an invitation (the caller hashes the token). */
export async function insertInvitation(
  db: DbOrTx,
  values: typeof invitations.$inferInsert,
): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(values).returning();
  return row!;
}

/** Invitations of an organization, newest first, with the inviter's display name. */
export async function listInvitations(db: DbOrTx, organizationId: string) {
  return db
    .select({ invitation: invitations, invitedByName: users.displayName })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.organizationId, organizationId))
    .orderBy(desc(invitations.createdAt))
    .limit(500);
}

/** One invitation of an organization by id. */
export async function findInvitation(db: DbOrTx, organizationId: string, id: string) {
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.id, id)))
    .limit(1);
  return rows[0];
}

/** An invitation by its token hash, locked for update when in a transaction. */
export async function findInvitationByHash(db: DbOrTx, tokenHash: string, lock = false) {
  const query = db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
  const rows = lock ? await query.for('update') : await query;
  return rows[0];
}

/** Marks an invitation revoked. */
export async function revokeInvitation(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(invitations).set({ revokedAt: at }).where(eq(invitations.id, id));
}

/** Marks an invitation used by `userId`. */
export async function markAccepted(db: DbOrTx, id: string, userId: string, at: Date): Promise<void> {
  await db.update(invitations).set({ acceptedAt: at, acceptedBy: userId }).where(eq(invitations.id, id));
}

/** Adds (or upgrades to owner) a membership; an owner is never downgraded by an invitation. */
export async function joinOrganization(
  db: DbOrTx,
  organizationId: string,
  userId: string,
  role: 'owner' | 'editor',
): Promise<void> {
  const existing = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .limit(1);
  if (!existing[0]) {
    await db.insert(memberships).values({ organizationId, userId, role });
  } else if (existing[0].role !== 'owner' && role === 'owner') {
    await db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  }
}
