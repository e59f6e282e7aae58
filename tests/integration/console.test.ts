import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { and, eq } from 'drizzle-orm';
import { invitations, memberships, tasks, users } from '../../backend/src/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeProject } from '../support/factories.js';
import { CALLERS, EDITORS_ONLY, makeCast, type Cast } from './console-support.js';
import { GOOD, makeCrowdWorld, next, submit, volunteer } from './crowd-support.js';

describe('console: dashboard and invitations', () => {
  let app: TestApp;
  let cast: Cast;
  let slug: string;
  beforeAll(async () => {
    app = await startTestApp();
    cast = await makeCast(app.url, db());
    slug = (await makeProject(db(), cast.organization.id, { status: 'live' })).slug;
  });
  afterAll(() => app.close());
  const db = () => app.testDb.database.db;

  describe('authorization per role', () => {
    it('GET /projects/:slug/dashboard is for editors of the organization and admins', async () => {
      for (const caller of CALLERS) {
        const res = await cast.clients[caller].get(`/api/v1/projects/${slug}/dashboard`);
        expect([caller, res.status]).toEqual([caller, EDITORS_ONLY[caller]]);
        if (res.status !== 200)
          expect(res.body.error.code).toBe(caller === 'anonymous' ? 'unauthenticated' : 'forbidden');
      }
      const missing = await cast.clients.admin.get('/api/v1/projects/no-such-project/dashboard');
      expect(missing.status).toBe(404);
    });

    it('GET /projects/:slug/dashboard/documents/:id is for editors of the organization and admins', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const caller of CALLERS) {
        const res = await cast.clients[caller].get(`/api/v1/projects/${slug}/dashboard/documents/${id}`);
        expect([caller, res.status]).toEqual([caller, EDITORS_ONLY[caller]]);
      }
      const bad = await cast.clients.editor.get(`/api/v1/projects/${slug}/dashboard/documents/not-a-uuid`);
      expect(bad.status).toBe(422);
    });

    it('GET and POST /organizations/:slug/invitations are for its editors and admins', async () => {
      for (const caller of CALLERS) {
        const list = await cast.clients[caller].get(
          `/api/v1/organizations/${cast.organization.slug}/invitations`,
        );
        expect([caller, list.status]).toEqual([caller, EDITORS_ONLY[caller]]);
        const created = await cast.clients[caller].post(
          `/api/v1/organizations/${cast.organization.slug}/invitations`,
          {
            email: `new-${caller}@example.org`,
          },
        );
        const want = EDITORS_ONLY[caller] === 200 ? 201 : EDITORS_ONLY[caller];
        expect([caller, created.status]).toEqual([caller, want]);
      }
    });

    it('DELETE /organizations/:slug/invitations/:id is for its editors and admins', async () => {
      for (const caller of CALLERS) {
        const made = await cast.clients.editor.post(
          `/api/v1/organizations/${cast.organization.slug}/invitations`,
          {
            email: 'x@example.org',
          },
        );
        const res = await cast.clients[caller].delete(
          `/api/v1/organizations/${cast.organization.slug}/invitations/${made.body.invitation.id}`,
        );
        const want = EDITORS_ONLY[caller] === 200 ? 204 : EDITORS_ONLY[caller];
        expect([caller, res.status]).toEqual([caller, want]);
      }
    });

    it('POST /invitations/:token/accept needs an account (not a guest); GET shows the link to anyone', async () => {
      const expected = {
        anonymous: 401,
        guest: 403,
        volunteer: 200,
        otherEditor: 200,
        editor: 200,
        admin: 200,
      };
      for (const caller of CALLERS) {
        const made = await cast.clients.editor.post(
          `/api/v1/organizations/${cast.organization.slug}/invitations`,
          {
            email: `${caller}@example.org`,
          },
        );
        const seen = await cast.clients[caller].get(`/api/v1/invitations/${made.body.token}`);
        expect(seen.status).toBe(200);
        expect(seen.body.invitation).toMatchObject({
          organization: { slug: cast.organization.slug },
          status: 'pending',
        });
        const res = await cast.clients[caller].post(`/api/v1/invitations/${made.body.token}/accept`);
        expect([caller, res.status]).toEqual([caller, expected[caller]]);
      }
    });
  });

  describe('invitations', () => {
    it('stores only a hash, joins once, turns a volunteer into an editor who then manages the projects', async () => {
      const { client, user } = await volunteer(app.url, db());
      const made = await cast.clients.editor.post(
        `/api/v1/organizations/${cast.organization.slug}/invitations`,
        {
          email: 'Reporter@Example.org',
          role: 'editor',
        },
      );
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        invitation: { email: 'reporter@example.org', role: 'editor', status: 'pending' },
        acceptPath: `/console/invitations/${made.body.token}`,
      });
      const days = (Date.parse(made.body.invitation.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      const rows = await db().select().from(invitations).where(eq(invitations.id, made.body.invitation.id));
      expect(rows[0]!.tokenHash).not.toContain(made.body.token);
      expect(JSON.stringify(rows[0])).not.toContain(made.body.token);

      expect((await client.get(`/api/v1/projects/${slug}/dashboard`)).status).toBe(403);
      const accepted = await client.post(`/api/v1/invitations/${made.body.token}/accept`);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ organization: { slug: cast.organization.slug }, role: 'editor' });
      const [member] = await db()
        .select()
        .from(memberships)
        .where(and(eq(memberships.organizationId, cast.organization.id), eq(memberships.userId, user.id)));
      expect(member!.role).toBe('editor');
      const [promoted] = await db().select().from(users).where(eq(users.id, user.id));
      expect(promoted!.role).toBe('editor');
      expect((await client.get(`/api/v1/projects/${slug}/dashboard`)).status).toBe(200);

      const again = await cast.clients.admin.post(`/api/v1/invitations/${made.body.token}/accept`);
      expect(again.status).toBe(409);
      const list = await cast.clients.editor.get(
        `/api/v1/organizations/${cast.organization.slug}/invitations`,
      );
      const shown = list.body.invitations.find((i: { id: string }) => i.id === made.body.invitation.id);
      expect(shown.status).toBe('accepted');
      expect(JSON.stringify(list.body)).not.toContain(made.body.token);
    });

    it('refuses revoked, expired and unknown links', async () => {
      const { client } = await volunteer(app.url, db());
      const path = `/api/v1/organizations/${cast.organization.slug}/invitations`;
      const revoked = await cast.clients.editor.post(path, { email: 'a@example.org' });
      await cast.clients.editor.delete(`${path}/${revoked.body.invitation.id}`);
      const r1 = await client.post(`/api/v1/invitations/${revoked.body.token}/accept`);
      expect(r1.status).toBe(409);
      expect(r1.body.error.details).toEqual({ status: 'revoked' });

      const expired = await cast.clients.editor.post(path, { email: 'b@example.org' });
      await db()
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, expired.body.invitation.id));
      const r2 = await client.post(`/api/v1/invitations/${expired.body.token}/accept`);
      expect(r2.status).toBe(409);
      expect(r2.body.error.details).toEqual({ status: 'expired' });

      const r3 = await client.post(`/api/v1/invitations/${'x'.repeat(32)}/accept`);
      expect(r3.status).toBe(404);
      const r4 = await client.post('/api/v1/invitations/short/accept');
      expect(r4.status).toBe(422);
      const bad = await cast.clients.editor.post(path, { email: 'not an email' });
      expect(bad.status).toBe(422);
    });
  });

  describe('dashboard', () => {
    it('counts people now, transcriptions per minute, completion, agreement per field and the review queue', async () => {
      const world = await makeCrowdWorld(db(), { docs: 2, project: { agreeK: 2, maxTranscriptions: 2 } });
      const editor = new (await import('../support/client.js')).TestClient(app.url);
      await editor.logIn(world.editor.email!);
      const a = await volunteer(app.url, db());
      const b = await volunteer(app.url, db());
      const ta = await next(a.client, world.project.slug);
      const tb = await next(b.client, world.project.slug);
      expect(ta.body.task.id).toBe(tb.body.task.id);

      const before = await editor.get(`/api/v1/projects/${world.project.slug}/dashboard`);
      expect(before.status).toBe(200);
      expect(before.body.dashboard).toMatchObject({
        peopleNow: 2,
        transcriptionsLastHour: 0,
        reviewQueueSize: 0,
      });
      expect(before.body.dashboard.perMinute).toHaveLength(60);
      expect(before.body.dashboard.completion).toMatchObject({
        tasksTotal: 2,
        tasksComplete: 0,
        etaSeconds: null,
      });

      await submit(a.client, ta.body.task.id, GOOD);
      await submit(b.client, tb.body.task.id, { ...GOOD, total: '999,00' });
      const after = await editor.get(`/api/v1/projects/${world.project.slug}/dashboard`);
      const d = after.body.dashboard;
      expect(d.transcriptionsLastHour).toBe(2);
      expect(d.perMinute.at(-1).count + d.perMinute.at(-2).count).toBe(2);
      expect(d.completion.transcriptionsRemaining).toBe(2);
      expect(d.completion.etaSeconds).toBeGreaterThan(0);
      const fecha = d.agreement.find((f: { fieldPath: string }) => f.fieldPath === 'fecha');
      expect(fecha).toMatchObject({ verified: 1, verifiedShare: 1, disputedShare: 0 });
      const total = d.agreement.find((f: { fieldPath: string }) => f.fieldPath === 'total');
      expect(total.disputed).toBe(1);
      expect(d.agreement[0].disputedShare).toBeGreaterThan(0);
      expect(d.agreement.some((f: { fieldPath: string }) => f.fieldPath.startsWith('items[]'))).toBe(true);
      const inReview = await db()
        .select()
        .from(tasks)
        .where(and(eq(tasks.projectId, world.project.id), eq(tasks.status, 'review')));
      expect(d.reviewQueueSize).toBe(inReview.length);
      expect(d.recent[0]).toMatchObject({ kind: expect.any(String), at: expect.any(String) });
      expect(d.recent.filter((r: { type: string }) => r.type === 'transcription.submitted')).toHaveLength(2);
      expect(d.documents).toMatchObject({ total: 2, ready: 2 });

      const [task] = await db().select().from(tasks).where(eq(tasks.id, ta.body.task.id));
      const states = await editor.get(
        `/api/v1/projects/${world.project.slug}/dashboard/documents/${task!.documentId}`,
      );
      expect(states.status).toBe(200);
      expect(states.body.tasks).toHaveLength(1);
      expect(states.body.tasks[0]).toMatchObject({ taskId: task!.id, pageNumber: null, transcriptions: 2 });
      expect(states.body.tasks[0].fields.verified).toBeGreaterThan(0);
      expect(states.body.tasks[0].fields.disputed).toBeGreaterThan(0);

      const a1 = await editor.post(`/api/v1/projects/${world.project.slug}/entities`, {
        kind: 'supplier',
        name: 'Imprenta Sur',
      });
      const a2 = await editor.post(`/api/v1/projects/${world.project.slug}/entities`, {
        kind: 'supplier',
        name: 'Imprenta del Sur',
      });
      await editor.post(`/api/v1/projects/${world.project.slug}/entities/merge`, {
        into: a1.body.entity.id,
        from: [a2.body.entity.id],
      });
      const later = await editor.get(`/api/v1/projects/${world.project.slug}/dashboard`);
      expect(later.body.dashboard.recent[0]).toMatchObject({
        kind: 'event',
        type: 'entity.merged',
        detail: 'Imprenta Sur, Imprenta del Sur',
      });
    });
  });
});
