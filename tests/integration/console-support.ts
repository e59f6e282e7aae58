/** The six callers every console endpoint is checked against, and their clients. */
import type { Db } from '../../backend/src/db/client.js';
import type { UserRow } from '../../backend/src/users/repository.js';
import { TestClient } from '../support/client.js';
import { makeOrganization, makeUser } from '../support/factories.js';

export type Caller = 'anonymous' | 'guest' | 'volunteer' | 'otherEditor' | 'editor' | 'admin';
export const CALLERS: Caller[] = ['anonymous', 'guest', 'volunteer', 'otherEditor', 'editor', 'admin'];

export interface Cast {
  organization: { id: string; slug: string };
  users: Partial<Record<Caller, UserRow>>;
  clients: Record<Caller, TestClient>;
}

/** An organization with an editor, another organization's editor, a volunteer, an admin and a guest. */
export async function makeCast(url: string, db: Db): Promise<Cast> {
  const editor = await makeUser(db, 'editor');
  const otherEditor = await makeUser(db, 'editor');
  const volunteer = await makeUser(db, 'volunteer');
  const admin = await makeUser(db, 'admin');
  const organization = await makeOrganization(db, [editor]);
  await makeOrganization(db, [otherEditor]);
  const users = { editor, otherEditor, volunteer, admin };
  const clients = {} as Record<Caller, TestClient>;
  for (const caller of CALLERS) {
    const client = new TestClient(url);
    await client.session();
    if (caller === 'guest') await client.guest();
    const user = users[caller as keyof typeof users] as UserRow | undefined;
    if (user) await client.logIn(user.email!);
    clients[caller] = client;
  }
  return { organization, users, clients };
}

/** The status every caller gets from an editors-only endpoint. */
export const EDITORS_ONLY: Record<Caller, number> = {
  anonymous: 401,
  guest: 403,
  volunteer: 403,
  otherEditor: 403,
  editor: 200,
  admin: 200,
};
