import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../backend/src/db/client.js';
import { documents, tasks, transcriptions } from '../../backend/src/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { makeOrganization, makeProject, makeUser, PASSWORD } from '../support/factories.js';

describe('accounts and sessions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  const db = () => app.testDb.database.db;

  it('signs up, reads the session, logs out and logs back in', async () => {
    const client = new TestClient(app.url);
    const anonymous = await client.session();
    expect(anonymous.body).toEqual({ user: null, csrfToken: expect.any(String) });

    const signup = await client.signUp('ana@example.org', PASSWORD, 'Ana');
    expect(signup.status).toBe(201);
    expect(signup.body.user).toMatchObject({
      email: 'ana@example.org',
      displayName: 'Ana',
      role: 'volunteer',
      isGuest: false,
    });
    expect(JSON.stringify(signup.body)).not.toMatch(/hash/i);

    expect((await client.session()).body.user.email).toBe('ana@example.org');
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client.session()).body.user).toBeNull();

    const login = await client.logIn('ANA@example.org', PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe('ana@example.org');
  });

  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await new TestClient(app.url).signUp('cookie@example.org');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cotejo_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('stores argon2id hashes, never the password', async () => {
    await new TestClient(app.url).signUp('hash@example.org', PASSWORD);
    const rows = await queryRows<{ password_hash: string }>(
      db(),
      sql`select password_hash from users where email = 'hash@example.org'`,
    );
    const hash = rows[0]!.password_hash;
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain(PASSWORD);
  });

  it('refuses a taken email and wrong passwords without telling which part was wrong', async () => {
    const client = new TestClient(app.url);
    await client.signUp('taken@example.org');
    const again = await new TestClient(app.url).signUp('taken@example.org');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');

    const wrongPassword = await new TestClient(app.url).logIn('taken@example.org', 'not the password');
    const noSuchUser = await new TestClient(app.url).logIn('nobody@example.org', 'not the password');
    expect(wrongPassword.status).toBe(401);
    expect(noSuchUser.status).toBe(401);
    expect(wrongPassword.body.error.code).toBe('invalid_credentials');
    expect(noSuchUser.body.error.message).toBe(wrongPassword.body.error.message);
  });

  it('locks an email after repeated failures, whether or not the account exists', async () => {
    await new TestClient(app.url).signUp('locked@example.org');
    for (const email of ['locked@example.org', 'ghost@example.org']) {
      const client = new TestClient(app.url);
      for (let i = 0; i < 5; i++) expect((await client.logIn(email, 'wrong password!')).status).toBe(401);
      const locked = await client.logIn(email, PASSWORD);
      expect(locked.status).toBe(423);
      expect(locked.body.error.code).toBe('account_locked');
    }
  });

  it('refuses a cookie-authenticated mutation without a valid x-csrf-token', async () => {
    const client = new TestClient(app.url);
    await client.signUp('csrf@example.org');
    const missing = await client.request(
      'POST',
      '/api/v1/auth/tokens',
      { name: 'x' },
      { 'x-csrf-token': '' },
    );
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf_failed');
    const forged = await client.request(
      'POST',
      '/api/v1/auth/tokens',
      { name: 'x' },
      { 'x-csrf-token': 'forged-token' },
    );
    expect(forged.body.error.code).toBe('csrf_failed');
    const other = new TestClient(app.url);
    await other.session();
    const stolen = await client.request(
      'POST',
      '/api/v1/auth/tokens',
      { name: 'x' },
      { 'x-csrf-token': other.csrfToken! },
    );
    expect(stolen.body.error.code).toBe('csrf_failed');
    expect((await client.post('/api/v1/auth/tokens', { name: 'ok' })).status).toBe(201);
  });

  it('keeps every contribution of a guest who then signs up', async () => {
    const org = await makeOrganization(db());
    const project = await makeProject(db(), org.id);
    const [doc] = await db()
      .insert(documents)
      .values({
        projectId: project.id,
        originalFilename: 'a.pdf',
        sha256: 'a'.repeat(64),
        bytes: 10,
        storageKey: 'k',
      })
      .returning();
    const [task] = await db()
      .insert(tasks)
      .values({ projectId: project.id, documentId: doc!.id })
      .returning();

    const client = new TestClient(app.url);
    const guest = await client.guest();
    expect(guest.status).toBe(201);
    expect(guest.body.user).toMatchObject({ isGuest: true, email: null });
    const guestId = guest.body.user.id as string;
    await db().insert(transcriptions).values({
      taskId: task!.id,
      userId: guestId,
      clientSubmissionId: 'guest-1',
      rawValues: {},
      normalizedValues: {},
    });

    const signup = await client.signUp('former-guest@example.org', PASSWORD, 'Former guest');
    expect(signup.status).toBe(201);
    expect(signup.body.user.id).toBe(guestId);
    expect(signup.body.user.isGuest).toBe(false);
    const mine = await db().select().from(transcriptions).where(eq(transcriptions.userId, guestId));
    expect(mine).toHaveLength(1);
  });

  it('moves a guest’s work into an existing account on log in', async () => {
    const account = await makeUser(db());
    const org = await makeOrganization(db());
    const project = await makeProject(db(), org.id);
    const [doc] = await db()
      .insert(documents)
      .values({
        projectId: project.id,
        originalFilename: 'b.pdf',
        sha256: 'b'.repeat(64),
        bytes: 10,
        storageKey: 'k',
      })
      .returning();
    const [task] = await db()
      .insert(tasks)
      .values({ projectId: project.id, documentId: doc!.id })
      .returning();
    const client = new TestClient(app.url);
    const guestId = (await client.guest()).body.user.id as string;
    await db().insert(transcriptions).values({
      taskId: task!.id,
      userId: guestId,
      clientSubmissionId: 'guest-2',
      rawValues: {},
      normalizedValues: {},
    });
    const login = await client.logIn(account.email!, PASSWORD);
    expect(login.status).toBe(200);
    const moved = await db()
      .select()
      .from(transcriptions)
      .where(eq(transcriptions.clientSubmissionId, 'guest-2'));
    expect(moved[0]!.userId).toBe(account.id);
  });
});

describe('roles and API tokens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  const db = () => app.testDb.database.db;

  it('lets only admins list users', async () => {
    const admin = await makeUser(db(), 'admin');
    const editor = await makeUser(db(), 'editor');
    const volunteer = await makeUser(db(), 'volunteer');
    expect((await new TestClient(app.url).get('/api/v1/admin/users')).status).toBe(401);
    const guest = new TestClient(app.url);
    await guest.guest();
    expect((await guest.get('/api/v1/admin/users')).status).toBe(403);
    for (const user of [editor, volunteer]) {
      const c = new TestClient(app.url);
      await c.logIn(user.email!);
      const res = await c.get('/api/v1/admin/users');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const c = new TestClient(app.url);
    await c.logIn(admin.email!);
    const res = await c.get('/api/v1/admin/users');
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining([admin.email, editor.email]),
    );
  });

  it('lets editors create projects only in their own organization', async () => {
    const editor = await makeUser(db(), 'editor');
    const outsider = await makeUser(db(), 'editor');
    const org = await makeOrganization(db(), [editor]);
    const body = { slug: `inv-${Date.now()}`, organization: org.slug, title: 'Investigación' };
    const c = new TestClient(app.url);
    await c.logIn(outsider.email!);
    expect((await c.post('/api/v1/projects', body)).status).toBe(403);
    const e = new TestClient(app.url);
    await e.logIn(editor.email!);
    const created = await e.post('/api/v1/projects', body);
    expect(created.status).toBe(201);
    expect(created.body.project).toMatchObject({
      slug: body.slug,
      status: 'draft',
      agreeK: 2,
      maxTranscriptions: 5,
      canEdit: true,
    });
    // A draft is invisible to everyone but its editors.
    expect((await new TestClient(app.url).get(`/api/v1/projects/${body.slug}`)).status).toBe(404);
    expect((await e.get(`/api/v1/projects/${body.slug}`)).status).toBe(200);
  });

  it('authenticates API tokens as Bearer, read-only, shown once and stored hashed', async () => {
    const user = await makeUser(db());
    const c = new TestClient(app.url);
    await c.logIn(user.email!);
    const created = await c.post('/api/v1/auth/tokens', { name: 'research' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^ctj_/);
    const listed = await c.get('/api/v1/auth/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const bearer = new TestClient(app.url, token);
    expect((await bearer.get('/api/v1/auth/tokens')).status).toBe(200);
    const write = await bearer.post('/api/v1/auth/tokens', { name: 'escalate' });
    expect(write.status).toBe(403);
    expect((await new TestClient(app.url, 'ctj_wrong').get('/api/v1/projects')).status).toBe(401);

    expect((await c.delete(`/api/v1/auth/tokens/${created.body.info.id}`)).status).toBe(204);
    const revoked = await bearer.get('/api/v1/auth/tokens');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('unauthenticated');
  });
});

describe('rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, { authRateLimit: 3 });
  });
  afterAll(() => app.close());

  it('slow down repeated sign-in attempts from one client with rate_limited', async () => {
    const client = new TestClient(app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await client.logIn('someone@example.org', 'wrong password!')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await client.logIn('someone@example.org', 'wrong password!');
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('ratelimit-policy') ?? limited.headers.get('ratelimit')).toBeTruthy();
  });
});
