/** Fills a running app with work through its public API, as an editor would: schema + PDFs. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './app.js';

export const ADMIN = { email: 'admin@example.org', password: 'admin-password-e2e-1' };
export const ADMIN_ENV = { COTEJO_ADMIN_EMAIL: ADMIN.email, COTEJO_ADMIN_PASSWORD: ADMIN.password };

/** A cookie-keeping JSON client for one person. */
class Client {
  private cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly base: string) {}

  async call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.base}${url}`, { method, headers, body: payload });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
    const json = (text ? JSON.parse(text) : {}) as T & { csrfToken?: string };
    if (json.csrfToken) this.csrf = json.csrfToken;
    return json;
  }
}

export const DEMO_SCHEMA = {
  fields: [
    { key: 'proveedor', type: 'entity', entityKind: 'supplier', label: { es: 'Proveedor', en: 'Supplier' }, required: true, hint: { es: 'El nombre de quien cobra.', en: 'Who gets paid.' } },
    { key: 'cuit', type: 'tax_id', country: 'AR', label: 'CUIT' },
    { key: 'fecha', type: 'date', label: { es: 'Fecha', en: 'Date' } },
    { key: 'total', type: 'money', currency: 'ARS', label: { es: 'Total', en: 'Total' }, required: true },
  ],
}; // prettier-ignore

/** Logs in as the admin, sets the schema and uploads `files` (from fixtures/born-digital). */
export async function seedProject(base: string, slug: string, files: string[]): Promise<void> {
  const admin = new Client(base);
  await admin.call('GET', '/api/v1/auth/session');
  await admin.call('POST', '/api/v1/auth/login', ADMIN);
  await admin.call('PUT', `/api/v1/projects/${slug}/schema`, { definition: DEMO_SCHEMA });
  for (const name of files) {
    const form = new FormData();
    const bytes = await readFile(path.join(ROOT, 'fixtures/born-digital', name));
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    await admin.call('POST', `/api/v1/projects/${slug}/documents`, form);
  }
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const { project } = await admin.call<{ project: { progress: { tasksTotal: number } } }>(
      'GET',
      `/api/v1/projects/${slug}`,
    );
    if (project.progress.tasksTotal >= files.length) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the uploaded documents did not become tasks in time');
}
