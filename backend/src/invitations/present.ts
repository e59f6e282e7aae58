/** Invitations as the API shows them (never the token or its hash). */
import type { InvitationStatus, InvitationView } from '../contracts/invitations.js';
import type { InvitationRow } from './repository.js';

/** Where an invitation stands at `now`. */
export function invitationStatus(row: InvitationRow, now: Date): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** The public view of an invitation. */
export function presentInvitation(row: InvitationRow, invitedBy: string | null, now: Date): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    invitedBy,
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
