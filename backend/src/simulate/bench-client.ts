/**
 * A minimal browser-like HTTP client for the benchmark: a session cookie and the CSRF header, over
 * node:http with kept-alive connections (cheaper than fetch, so the simulated volunteers take less
 * of the CPU the app under test needs).
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 10_000 });

export class BenchClient {
  private cookies = new Map<string, string>();
  private csrf = '';
  private readonly base: URL;
  constructor(baseUrl: string) {
    this.base = new URL(baseUrl);
  }

  /** Sends a JSON request; returns status and parsed body. */
  send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, path, method, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            for (const c of res.headers['set-cookie'] ?? []) {
              const [pair = ''] = c.split(';');
              const i = pair.indexOf('=');
              this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
            }
            const text = Buffer.concat(chunks).toString('utf8');
            const parsed = (
              text && res.headers['content-type']?.includes('json') ? JSON.parse(text) : {}
            ) as Record<string, unknown>;
            if (typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Starts a guest session (retrying when rate limited). */
  async startGuest(): Promise<void> {
    await this.send('GET', '/api/v1/auth/session');
    for (let attempt = 0; attempt < 50; attempt++) {
      const r = await this.send('POST', '/api/v1/auth/guest');
      if (r.status === 200 || r.status === 201) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error('could not start a guest session');
  }
}
