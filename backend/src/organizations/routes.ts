/** /api/v1/organizations and /api/v1/admin: organizations, memberships, user roles. */
import { hostname } from 'node:os';
import { Router } from 'express';
import type { RoomName } from '../contracts/events.js';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireAccount, requireOrganizationEditor, requireRole } from '../auth/policy.js';
import { slugSchema } from '../contracts/projects.js';
import { memberships, organizations, users } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { findOrganizationBySlug } from '../projects/repository.js';
import { findUserByEmail, findUserById, membershipsOf, updateUser } from '../users/repository.js';

const createOrgBody = z.object({ slug: slugSchema, name: z.string().trim().min(2).max(120) });
const addMemberBody = z.object({ email: z.email(), role: z.enum(['owner', 'editor']).default('editor') });
const roleBody = z.object({ role: z.enum(['admin', 'editor', 'volunteer']) });

export function organizationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  router.get('/', async (req, res) => {
    const user = requireAccount(req);
    const list =
      user.role === 'admin'
        ? await db
            .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
            .from(organizations)
            .orderBy(asc(organizations.name))
        : await membershipsOf(db, user.id);
    res.json({ organizations: list });
  });

  router.post('/', async (req, res) => {
    requireRole(req, 'admin');
    const input = parseInput(createOrgBody, req.body);
    if (await findOrganizationBySlug(db, input.slug)) throw new AppError('conflict', 'That slug is taken');
    const [org] = await db.insert(organizations).values(input).returning();
    res.status(201).json({ organization: { id: org!.id, slug: org!.slug, name: org!.name } });
  });

  router.get('/:slug/members', async (req, res) => {
    const org = await findOrganizationBySlug(db, String(req.params.slug));
    if (!org) throw notFound('Organization');
    await requireOrganizationEditor(db, req, org.id);
    const members = await db
      .select({ id: users.id, email: users.email, displayName: users.displayName, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, org.id))
      .orderBy(asc(users.displayName));
    res.json({ members });
  });

  router.post('/:slug/members', async (req, res) => {
    const org = await findOrganizationBySlug(db, String(req.params.slug));
    if (!org) throw notFound('Organization');
    await requireOrganizationEditor(db, req, org.id);
    const input = parseInput(addMemberBody, req.body);
    const member = await findUserByEmail(db, input.email);
    if (!member || member.isGuest) throw notFound('User with that email');
    await db.transaction(async (tx) => {
      await tx
        .insert(memberships)
        .values({ organizationId: org.id, userId: member.id, role: input.role })
        .onConflictDoUpdate({
          target: [memberships.organizationId, memberships.userId],
          set: { role: input.role },
        });
      if (member.role === 'volunteer') await updateUser(tx, member.id, { role: 'editor' });
    });
    res.status(201).json({
      member: { id: member.id, email: member.email, displayName: member.displayName, role: input.role },
    });
  });

  router.delete('/:slug/members/:userId', async (req, res) => {
    const org = await findOrganizationBySlug(db, String(req.params.slug));
    if (!org) throw notFound('Organization');
    await requireOrganizationEditor(db, req, org.id);
    const userId = parseInput(z.uuid(), req.params.userId, 'userId');
    await db
      .delete(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, userId)));
    res.status(204).end();
  });

  return router;
}

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  router.get('/users', async (req, res) => {
    requireRole(req, 'admin');
    const list = await db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        role: users.role,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.isGuest, false))
      .orderBy(asc(users.createdAt))
      .limit(500);
    res.json({ users: list });
  });

  router.patch('/users/:id', async (req, res) => {
    const admin = requireRole(req, 'admin');
    const id = parseInput(z.uuid(), req.params.id, 'id');
    const { role } = parseInput(roleBody, req.body);
    const target = await findUserById(db, id);
    if (!target || target.isGuest) throw notFound('User');
    if (target.id === admin.id && role !== 'admin')
      throw new AppError('conflict', 'You cannot demote yourself');
    const updated = await updateUser(db, id, { role });
    res.json({
      user: { id: updated.id, email: updated.email, displayName: updated.displayName, role: updated.role },
    });
  });

  // Diagnostics: proves that an event published by this process reaches clients of every process.
  router.post('/ping', (req, res) => {
    requireRole(req, 'admin');
    const { room } = parseInput(
      z.object({ room: z.string().regex(/^(project|document|task|user):[\w-]{1,80}$/) }),
      req.body,
    );
    ctx.publisher.publish(room as RoomName, 'system.ping', {
      from: `${hostname()}:${process.pid}`,
      at: ctx.clock.now().toISOString(),
    });
    res.status(202).json({ sent: true });
  });

  return router;
}
