// A deliberately tiny Markdown renderer for project descriptions written by editors. It escapes
// all HTML first and then adds only paragraphs, headings, emphasis, code, lists and http(s)
// links, so its output is safe for v-html whatever the description contains.

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function safeUrl(escapedUrl: string): string | null {
  // The URL is already escaped; &amp; stands for & and is fine inside an attribute.
  return /^https?:\/\/[^\s]+$/i.test(escapedUrl) ? escapedUrl : null;
}

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/__([^_]+)__/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
}

// Code spans and links are cut out first so that emphasis never reaches inside a URL.
function inline(escaped: string): string {
  const parts: string[] = [];
  const keep = (html: string) => `\u0000${parts.push(html) - 1}\u0000`;
  const text = escaped
    .replace(/`([^`]+)`/g, (_all, code: string) => keep(`<code>${code}</code>`))
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_all, label: string, url: string) => {
      const href = safeUrl(url);
      return href
        ? keep(`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${emphasis(label)}</a>`)
        : label;
    });
  return emphasis(text).replace(/\u0000(\d+)\u0000/g, (_all, i: string) => parts[Number(i)] ?? '');
}

type Block = { kind: 'p' | 'ul' | 'ol' | 'h'; lines: string[]; level?: number };

function blocks(source: string): Block[] {
  const out: Block[] = [];
  let current = null as Block | null;
  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trimEnd();
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      current = null;
    } else if (heading) {
      out.push({ kind: 'h', lines: [heading[2]!], level: heading[1]!.length });
      current = null;
    } else if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      if (current?.kind !== kind) {
        current = { kind, lines: [] };
        out.push(current);
      }
      current.lines.push((bullet ?? numbered)![1]!);
    } else if (current && current.kind !== 'h') {
      // A continuation line joins the paragraph or the last list item.
      if (current.kind === 'p') current.lines.push(line.trim());
      else current.lines[current.lines.length - 1] += ` ${line.trim()}`;
    } else {
      current = { kind: 'p', lines: [line.trim()] };
      out.push(current);
    }
  }
  return out;
}

/** Renders safe HTML from a small Markdown subset. Headings are shifted to h3–h6 for page outline. */
export function renderMarkdown(source: string): string {
  return blocks(escapeHtml(source.replace(/\u0000/g, '')))
    .map((b) => {
      if (b.kind === 'p') return `<p>${inline(b.lines.join(' '))}</p>`;
      if (b.kind === 'h') {
        const level = Math.min(6, (b.level ?? 1) + 2);
        return `<h${level}>${inline(b.lines[0] ?? '')}</h${level}>`;
      }
      return `<${b.kind}>${b.lines.map((l) => `<li>${inline(l)}</li>`).join('')}</${b.kind}>`;
    })
    .join('\n');
}
