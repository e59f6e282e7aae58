/** Test data made through the real repositories (no mocks): users with roles, organizations, projects. */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../backend/src/auth/passwords.js';
import type { Db } from '../../backend/src/db/client.js';
import { memberships, organizations, projects } from '../../backend/src/db/schema.js';
import { insertUser, type Role, type UserRow } from '../../backend/src/users/repository.js';

export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString('hex');

/** A user with a known password (PASSWORD). */
export async function makeUser(
  db: Db,
  role: Role = 'volunteer',
  email = `${role}-${unique()}@example.org`,
): Promise<UserRow> {
  passwordHash ??= hashPassword(PASSWORD);
  return insertUser(db, {
    email,
    displayName: `${role} ${unique()}`,
    role,
    passwordHash: await passwordHash,
  });
}

/** An organization, optionally with members. */
export async function makeOrganization(db: Db, members: UserRow[] = [], slug = `org-${unique()}`) {
  const [org] = await db
    .insert(organizations)
    .values({ slug, name: `Org ${slug}` })
    .returning();
  for (const m of members)
    await db.insert(memberships).values({ organizationId: org!.id, userId: m.id, role: 'editor' });
  return org!;
}

/** A project of an organization. */
export async function makeProject(
  db: Db,
  organizationId: string,
  values: Partial<typeof projects.$inferInsert> = {},
) {
  const [project] = await db
    .insert(projects)
    .values({ organizationId, slug: `p-${unique()}`, title: 'Test project', status: 'live', ...values })
    .returning();
  return project!;
}
