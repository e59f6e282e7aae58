/** An HTTP client for tests that behaves like a browser: a cookie jar and the CSRF header. */
export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class TestClient {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly bearer?: string,
  ) {}

  /** The Cookie header this client sends. */
  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers }, redirect: 'manual' };
    const h = init.headers as Record<string, string>;
    if (this.cookies.size) h.cookie = this.cookieHeader;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in h))
      h['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData)
        init.body = body as RequestInit['body'];
      else {
        h['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    const res = await fetch(this.baseUrl + path, init);
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
    const result = { status: res.status, headers: res.headers, body: parsed as T };
    const maybe = parsed as { csrfToken?: string } | null;
    if (maybe && typeof maybe === 'object' && typeof maybe.csrfToken === 'string')
      this.csrfToken = maybe.csrfToken;
    return result;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Fetches the session (sets the CSRF cookie and token). */
  async session() {
    return this.get('/api/v1/auth/session');
  }

  /** Signs up a new volunteer account. */
  async signUp(email: string, password = 'correct horse battery', displayName = 'Tester') {
    if (!this.csrfToken) await this.session();
    return this.post('/api/v1/auth/signup', { email, password, displayName });
  }

  /** Logs in. */
  async logIn(email: string, password = 'correct horse battery') {
    if (!this.csrfToken) await this.session();
    return this.post('/api/v1/auth/login', { email, password });
  }

  /** Starts a guest session. */
  async guest() {
    if (!this.csrfToken) await this.session();
    return this.post('/api/v1/auth/guest');
  }
}
