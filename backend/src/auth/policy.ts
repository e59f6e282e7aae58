/** Who may do what. Every route states its rule through one of these guards. */
import type { Request } from 'express';
import type { DbOrTx } from '../db/client.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { isMember, type Role, type UserRow } from '../users/repository.js';

/** The caller, or 401. Guests count as signed in (they have a session). */
export function requireUser(req: Request): UserRow {
  if (!req.auth.user) throw unauthenticated();
  return req.auth.user;
}

/** A signed-in, non-guest account, or 401/403. */
export function requireAccount(req: Request): UserRow {
  const user = requireUser(req);
  if (user.isGuest) throw new AppError('forbidden', 'Create an account first (your guest work is kept)');
  return user;
}

const RANK: Record<Role, number> = { volunteer: 0, editor: 1, admin: 2 };

/** A non-guest account with at least `role`, or 401/403. */
export function requireRole(req: Request, role: Role): UserRow {
  const user = requireAccount(req);
  if (RANK[user.role] < RANK[role]) throw forbidden(`This needs the ${role} role`);
  return user;
}

/** Admins act everywhere; editors only on their organizations' projects. */
export async function canManageOrganization(db: DbOrTx, user: UserRow | null, organizationId: string) {
  if (!user || user.isGuest) return false;
  if (user.role === 'admin') return true;
  return user.role === 'editor' && (await isMember(db, user.id, organizationId));
}

/** Throws 403 unless the caller manages the organization. */
export async function requireOrganizationEditor(db: DbOrTx, req: Request, organizationId: string) {
  const user = requireRole(req, 'editor');
  if (!(await canManageOrganization(db, user, organizationId))) {
    throw forbidden('Only editors of this project’s organization can do this');
  }
  return user;
}
