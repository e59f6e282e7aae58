/**
 * Organization invitations: editors of an organization (and admins) create one-time links shown
 * to copy, list and revoke them; any signed-in account uses a link to join. The link is a bearer
 * secret (only its SHA-256 is stored) valid for 7 days, so the invitee may sign up with any email.
 */
import { Router } from 'express';
import { z } from 'zod';
import { randomToken, hashToken } from '../auth/crypto.js';
import { requireAccount, requireOrganizationEditor } from '../auth/policy.js';
import { createInvitationBody, invitationToken, type CreatedInvitation } from '../contracts/invitations.js';
import { slugSchema } from '../contracts/projects.js';
import { events, organizations } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { findOrganizationBySlug } from '../projects/repository.js';
import { eq } from 'drizzle-orm';
import { acceptInvitation } from './accept-invitation.js';
import { invitationStatus, presentInvitation } from './present.js';
import {
  findInvitation,
  findInvitationByHash,
  insertInvitation,
  listInvitations,
  revokeInvitation,
} from './repository.js';

const TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Routes under /api/v1/organizations/:slug/invitations. */
export function organizationInvitationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  async function editableOrganization(req: Parameters<typeof requireAccount>[0]) {
    const org = await findOrganizationBySlug(db, parseInput(slugSchema, req.params.slug, 'slug'));
    if (!org) throw notFound('Organization');
    const user = await requireOrganizationEditor(db, req, org.id);
    return { org, user };
  }

  router.get('/:slug/invitations', async (req, res) => {
    const { org } = await editableOrganization(req);
    const now = ctx.clock.now();
    const rows = await listInvitations(db, org.id);
    res.json({ invitations: rows.map((r) => presentInvitation(r.invitation, r.invitedByName, now)) });
  });

  router.post('/:slug/invitations', async (req, res) => {
    const { org, user } = await editableOrganization(req);
    const input = parseInput(createInvitationBody, req.body);
    const token = randomToken(24);
    const now = ctx.clock.now();
    const row = await db.transaction(async (tx) => {
      const created = await insertInvitation(tx, {
        organizationId: org.id,
        email: input.email.toLowerCase(),
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: user.id,
        expiresAt: new Date(now.getTime() + TTL_MS),
      });
      await tx.insert(events).values({
        type: 'invitation.created',
        actorId: user.id,
        subjectId: created.id,
        data: { organizationId: org.id, email: created.email, role: created.role },
      });
      return created;
    });
    const body: CreatedInvitation = {
      invitation: presentInvitation(row, user.displayName, now),
      token,
      acceptPath: `/console/invitations/${token}`,
    };
    res.status(201).json(body);
  });

  router.delete('/:slug/invitations/:id', async (req, res) => {
    const { org } = await editableOrganization(req);
    const id = parseInput(z.uuid(), req.params.id, 'id');
    const row = await findInvitation(db, org.id, id);
    if (!row) throw notFound('Invitation');
    if (!row.acceptedAt && !row.revokedAt) await revokeInvitation(db, row.id, ctx.clock.now());
    res.status(204).end();
  });

  return router;
}

/** Routes under /api/v1/invitations: look at a link, accept it. */
export function invitationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  // Anyone holding the link may see what it is for (the signup page shows it before accepting).
  router.get('/:token', async (req, res) => {
    const token = parseInput(invitationToken, req.params.token, 'token');
    const row = await findInvitationByHash(db, hashToken(token));
    if (!row) throw notFound('Invitation');
    const [org] = await db
      .select({ slug: organizations.slug, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, row.organizationId));
    res.json({
      invitation: {
        organization: org,
        role: row.role,
        status: invitationStatus(row, ctx.clock.now()),
        expiresAt: row.expiresAt.toISOString(),
      },
    });
  });

  router.post('/:token/accept', async (req, res) => {
    const user = requireAccount(req);
    const token = parseInput(invitationToken, req.params.token, 'token');
    res.json(await acceptInvitation({ db, clock: ctx.clock }, user, token));
  });

  return router;
}
