import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { usingServer } from '../support/database.js';

describe('health and the error shape', () => {
  let app: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    app = await startTestApp();
    client = new TestClient(app.url);
  });
  afterAll(() => app.close());

  it('reports the database, mode, version and uptime', async () => {
    const res = await client.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: 'up',
      mode: usingServer ? 'server' : 'embedded',
    });
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof res.body.uptimeSeconds).toBe('number');
  });

  it('answers unknown API routes with route_not_found in the one shape, with the request id', async () => {
    const res = await client.request('GET', '/api/v1/nope', undefined, {
      'x-request-id': 'test-request-0001',
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        code: 'route_not_found',
        message: expect.any(String),
        details: null,
        requestId: 'test-request-0001',
      },
    });
    expect(res.headers.get('x-request-id')).toBe('test-request-0001');
  });

  it('answers malformed JSON with invalid_json', async () => {
    await client.session();
    const res = await client.post('/api/v1/auth/login', '{"email": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
    expect(res.body.error.requestId).toEqual(expect.any(String));
  });

  it('answers a body over the limit with payload_too_large', async () => {
    await client.session();
    const huge = JSON.stringify({ email: 'x'.repeat(2_000_000), password: 'y' });
    const res = await client.post('/api/v1/auth/login', huge, { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers invalid input with validation_failed and per-field issues', async () => {
    await client.session();
    const res = await client.post('/api/v1/auth/signup', {
      email: 'not-an-email',
      password: 'short',
      displayName: '',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['displayName', 'email', 'password']);
  });

  it('sets security headers', async () => {
    const res = await client.get('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
