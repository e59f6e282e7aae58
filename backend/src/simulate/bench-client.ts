/** A minimal browser-like HTTP client for the benchmark: a session cookie and the CSRF header. */
export class BenchClient {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(private readonly baseUrl: string) {}

  /** Sends a JSON request; returns status and parsed body. */
  async send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
    const text = await res.text();
    const parsed = (
      text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}
    ) as Record<string, unknown>;
    if (typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: res.status, body: parsed };
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
