/** Organization invitations: one-time links shown to copy (no mail server needed). */
import { z } from 'zod';

export const invitationRole = z.enum(['owner', 'editor']);
export type InvitationRole = z.infer<typeof invitationRole>;

/** Body of `POST /api/v1/organizations/:slug/invitations`. */
export const createInvitationBody = z.object({
  email: z.email().max(320),
  role: invitationRole.default('editor'),
});
export type CreateInvitationBody = z.input<typeof createInvitationBody>;

/** The one-time token in `POST /api/v1/invitations/:token/accept`. */
export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'an invitation token');

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationView {
  id: string;
  email: string;
  role: InvitationRole;
  status: InvitationStatus;
  invitedBy: string | null;
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
}

/** Answer of the create call: the only time the token (and so the link) is shown. */
export interface CreatedInvitation {
  invitation: InvitationView;
  token: string;
  /** Path of the console page that accepts it, e.g. `/console/invitations/<token>`. */
  acceptPath: string;
}

export interface AcceptedInvitation {
  organization: { id: string; slug: string; name: string };
  role: InvitationRole;
}
