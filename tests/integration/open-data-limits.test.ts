/** Public reads are rate limited per IP; an API token gets a larger budget. */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { makeUser } from '../support/factories.js';
import { seedOpenData } from './open-data-support.js';

let app: TestApp;

beforeAll(async () => {
  process.env.COTEJO_OPEN_DATA_RATE_LIMIT = '5';
  app = await startTestApp();
});
afterAll(async () => {
  delete process.env.COTEJO_OPEN_DATA_RATE_LIMIT;
  await app?.close();
});

it('answers rate_limited past the anonymous budget, and lets API tokens go further', async () => {
  const seeded = await seedOpenData(app.server.ctx.database.db);
  const path = `/api/v1/projects/${seeded.project.slug}/stats`;
  const anonymous = new TestClient(app.url);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await anonymous.get(path)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  const limited = await anonymous.get(path);
  expect(limited.body.error.code).toBe('rate_limited');
  // One budget across every public read.
  expect((await anonymous.get('/api/v1/search?q=papeleria')).status).toBe(429);

  const user = await makeUser(app.server.ctx.database.db);
  const owner = new TestClient(app.url);
  await owner.logIn(user.email!);
  const token = (await owner.post('/api/v1/auth/tokens', { name: 'research' })).body.token as string;
  const bearer = new TestClient(app.url, token);
  for (let i = 0; i < 10; i++) expect((await bearer.get(path)).status).toBe(200);
});
