/** A signed-in account uses a one-time invitation link and joins the organization. */
import { eq } from 'drizzle-orm';
import { hashToken } from '../auth/crypto.js';
import type { AcceptedInvitation } from '../contracts/invitations.js';
import type { Db } from '../db/client.js';
import { events, organizations } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import type { Clock } from '../http/context.js';
import { updateUser, type UserRow } from '../users/repository.js';
import { invitationStatus } from './present.js';
import { findInvitationByHash, joinOrganization, markAccepted } from './repository.js';

/** Joins `user` to the invitation's organization; a volunteer becomes an editor (as when added). */
export async function acceptInvitation(
  deps: { db: Db; clock: Clock },
  user: UserRow,
  token: string,
): Promise<AcceptedInvitation> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const invitation = await findInvitationByHash(tx, hashToken(token), true);
    if (!invitation) throw notFound('Invitation');
    const status = invitationStatus(invitation, now);
    if (status !== 'pending') {
      throw new AppError('conflict', `This invitation is ${status}`, { status });
    }
    await joinOrganization(tx, invitation.organizationId, user.id, invitation.role);
    if (user.role === 'volunteer') await updateUser(tx, user.id, { role: 'editor' });
    await markAccepted(tx, invitation.id, user.id, now);
    await tx.insert(events).values({
      type: 'invitation.accepted',
      actorId: user.id,
      subjectId: invitation.id,
      data: { organizationId: invitation.organizationId, role: invitation.role },
    });
    const [org] = await tx
      .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, invitation.organizationId));
    return { organization: org!, role: invitation.role };
  });
}
