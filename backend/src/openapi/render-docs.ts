/**
 * A readable, self-contained API reference rendered on the server from the OpenAPI document: no
 * scripts, no CDN (the CSP forbids both), one inline stylesheet.
 */
type Json = Record<string, unknown>;

const esc = (text: unknown) =>
  (typeof text === 'string' ? text : text === undefined || text === null ? '' : JSON.stringify(text))
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

// `code` spans in descriptions become <code>.
const prose = (text: unknown) => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{margin-bottom:0}code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f4f4f4;padding:.75rem;overflow:auto;max-height:24rem}
.op{border-top:1px solid #ddd;padding:1rem 0}.m{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}
.get{color:#0b6e0b}.post{color:#8a4b00}.patch{color:#4b3a8a}.delete{color:#a00}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
nav a{margin-right:1rem}`;

function parametersTable(params: Json[]): string {
  if (!params.length) return '';
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td>` +
        `<td><code>${esc(JSON.stringify(p.schema))}</code></td><td>${prose(p.description)}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th><th></th></tr>${rows}</table>`;
}

function operationHtml(path: string, method: string, op: Json): string {
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const okKey = Object.keys(responses).find((k) => k.startsWith('2'));
  const content = (okKey ? responses[okKey]?.content : undefined) as
    Record<string, { schema: unknown }> | undefined;
  const body = (op.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content;
  return `<section class="op" id="${esc(op.operationId)}"><h3><span class="m ${esc(method)}">${esc(method)}</span> <code>${esc(path)}</code></h3>
<p>${prose(op.summary)}</p>${op.description ? `<p>${prose(op.description)}</p>` : ''}
${parametersTable((op.parameters ?? []) as Json[])}
${body ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(body['application/json']?.schema, null, 2))}</pre></details>` : ''}
${content?.['application/json'] ? `<details><summary>Response</summary><pre>${esc(JSON.stringify(content['application/json'].schema, null, 2))}</pre></details>` : ''}</section>`;
}

/** The HTML page of an OpenAPI document. */
export function renderDocs(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = String((op.tags as string[] | undefined)?.[0] ?? 'Other');
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(path, method, op)]);
    }
  }
  const sections = [...byTag]
    .map(([tag, ops]) => `<h2 id="${esc(tag)}">${esc(tag)}</h2>${ops.join('')}`)
    .join('');
  const nav = [...byTag.keys()].map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>${STYLE}</style></head><body>
<h1>${esc(info.title)}</h1><p>Version ${esc(info.version)} · OpenAPI ${esc(doc.openapi)} · <a href="/api/v1/openapi.json">openapi.json</a> · base URL <code>/api/v1</code></p>
<p>${prose(info.description)}</p><nav>${nav}</nav>${sections}</body></html>`;
}
