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

// The header of the generated spending reports (fixtures/born-digital/rendicion-*.pdf); the
// server checks values against the page's text layer, so volunteers type what the page shows.
export const DEMO_SCHEMA = {
  fields: [
    { key: 'funcionario', type: 'text', label: { es: 'Funcionario', en: 'Official' }, required: true, hint: { es: 'Quien rinde los gastos.', en: 'Who reports the expenses.' } },
    { key: 'expediente', type: 'text', label: { es: 'Expediente', en: 'File number' } },
    { key: 'fecha', type: 'date', label: { es: 'Fecha', en: 'Date' } },
    { key: 'total', type: 'money', currency: 'ARS', label: { es: 'Total', en: 'Total' }, required: true },
  ],
}; // prettier-ignore

/** What a careful volunteer types for a document, from its ground truth. */
export interface TypedValues {
  funcionario: string;
  expediente: string;
  fecha: string;
  total: string;
}

async function typedValuesOf(name: string): Promise<TypedValues> {
  const truthFile = path.join(ROOT, 'fixtures/born-digital', name.replace(/\.pdf$/, '.truth.json'));
  const truth = JSON.parse(await readFile(truthFile, 'utf8')) as { fields: Record<string, string> };
  const f = truth.fields;
  const [y, m, d] = (f.fecha ?? '').split('-');
  const [int = '0', frac = '00'] = (f.total ?? '0').split('.');
  return {
    funcionario: f.funcionario ?? '',
    expediente: f.expediente ?? '',
    fecha: `${d}/${m}/${y}`,
    total: `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac.padEnd(2, '0')}`,
  };
}

/**
 * Logs in as the admin, sets the schema and uploads `files` (from fixtures/born-digital); returns
 * the values to type for each document id.
 */
export async function seedProject(
  base: string,
  slug: string,
  files: string[],
): Promise<Map<string, TypedValues>> {
  const typed = new Map<string, TypedValues>();
  const admin = new Client(base);
  await admin.call('GET', '/api/v1/auth/session');
  await admin.call('POST', '/api/v1/auth/login', ADMIN);
  await admin.call('PUT', `/api/v1/projects/${slug}/schema`, { definition: DEMO_SCHEMA });
  for (const name of files) {
    const form = new FormData();
    const bytes = await readFile(path.join(ROOT, 'fixtures/born-digital', name));
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    const { documents } = await admin.call<{ documents: { id: string }[] }>(
      'POST',
      `/api/v1/projects/${slug}/documents`,
      form,
    );
    for (const doc of documents) typed.set(doc.id, await typedValuesOf(name));
  }
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const { project } = await admin.call<{ project: { progress: { tasksTotal: number } } }>(
      'GET',
      `/api/v1/projects/${slug}`,
    );
    if (project.progress.tasksTotal >= files.length) return typed;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the uploaded documents did not become tasks in time');
}
