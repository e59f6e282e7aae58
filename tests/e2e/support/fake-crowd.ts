/**
 * A scripted stand-in for the crowd endpoints (task lease, submit, skip, page image and words),
 * routed inside the browser, for UI behaviour that must be exact: server refusals per field,
 * drafts across reloads, the lost-connection banner. The real flow is in transcribe.e2e.ts.
 */
import type { BrowserContext, Route } from 'playwright-core';

const PAGE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800" fill="#fff"/>' +
  '<text x="60" y="100" font-family="monospace" font-size="20">Proveedor: Imprenta Sur S.A.</text>' +
  '<text x="60" y="150" font-family="monospace" font-size="20">Total: $ 1.234,56</text></svg>';

const WORDS = {
  width: 600,
  height: 800,
  words: [
    ['Proveedor:', 60, 84, 120],
    ['Imprenta', 192, 84, 96],
    ['Sur', 300, 84, 36],
    ['S.A.', 348, 84, 48],
    ['Total:', 60, 134, 72],
    ['$', 144, 134, 12],
    ['1.234,56', 168, 134, 96],
  ].map(([text, x, y, w]) => ({
    text,
    bbox: { x0: x, y0: y, x1: Number(x) + Number(w), y1: Number(y) + 22 },
    box: { x: Number(x) / 600, y: Number(y) / 800, w: Number(w) / 600, h: 22 / 800 },
    confidence: 0.97,
  })),
};

export function fakeTask(id: string, slug: string) {
  const base = `/api/v1/documents/doc-${id}/pages`;
  return {
    id,
    projectSlug: slug,
    documentId: `doc-${id}`,
    pageNumber: null,
    pages: [1, 2].map((n) => ({
      number: n,
      width: 600,
      height: 800,
      imageUrl: `${base}/${n}/image`,
      thumbnailUrl: `${base}/${n}/thumbnail`,
      wordsUrl: `${base}/${n}/words`,
    })),
    fields: ['proveedor', 'total', 'tipo'],
    schemaId: 's1',
    leaseExpiresAt: new Date(Date.now() + 600_000).toISOString(),
    isGold: false,
    schema: {
      fields: [
        { key: 'proveedor', type: 'entity', entityKind: 'supplier', label: { es: 'Proveedor', en: 'Supplier' }, required: true, verify: true, public: true, region: { x: 0.08, y: 0.09, w: 0.6, h: 0.05 } },
        { key: 'total', type: 'money', currency: 'ARS', label: { es: 'Total', en: 'Total' }, required: true, verify: true, public: true, hint: { es: 'El importe final.', en: 'The final amount.' } },
        { key: 'tipo', type: 'enum', label: { es: 'Tipo', en: 'Kind' }, required: false, verify: true, public: true, options: [{ value: 'factura', label: { es: 'Factura', en: 'Invoice' } }, { value: 'recibo', label: { es: 'Recibo', en: 'Receipt' } }] },
      ],
      checks: [],
    },
  }; // prettier-ignore
}

export interface FakeCrowd {
  submissions: { taskId: string; body: Record<string, unknown> }[];
  /** Field errors to refuse the next submission with (422). */
  refuseNext: { path: string; code: string; message: string }[] | null;
  leased: number;
}

/** Routes the crowd endpoints of `slug` in `context`; tasks are t1, t2, t3… */
export async function installFakeCrowd(context: BrowserContext, slug: string): Promise<FakeCrowd> {
  const state: FakeCrowd = { submissions: [], refuseNext: null, leased: 0 };
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

  await context.route(`**/api/v1/projects/${slug}/tasks/next`, (route) => {
    state.leased += 1;
    return json(route, 200, { task: fakeTask(`t${state.leased}`, slug) });
  });
  await context.route('**/api/v1/tasks/*/transcriptions', (route) => {
    const taskId = new URL(route.request().url()).pathname.split('/')[4] ?? '';
    if (state.refuseNext) {
      const fieldErrors = state.refuseNext;
      state.refuseNext = null;
      return json(route, 422, {
        error: { code: 'validation_failed', message: 'invalid', details: { fieldErrors }, requestId: 'r' },
      });
    }
    state.submissions.push({ taskId, body: route.request().postDataJSON() as Record<string, unknown> });
    return json(route, 201, { transcription: { id: `tr-${taskId}` } });
  });
  await context.route('**/api/v1/tasks/*/skip', (route) => route.fulfill({ status: 204 }));
  await context.route('**/api/v1/documents/*/pages/*/words', (route) => json(route, 200, WORDS));
  await context.route(/\/api\/v1\/documents\/[^/]+\/pages\/\d+\/(image|thumbnail)$/, (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PAGE_SVG }),
  );
  return state;
}
