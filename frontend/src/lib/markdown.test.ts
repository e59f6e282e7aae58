import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('escapes HTML before anything else', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('renders paragraphs, emphasis, code and lists', () => {
    const html = renderMarkdown('Hello **world** and *you* `x`\n\n- one\n- two\n\n1. first');
    expect(html).toBe(
      '<p>Hello <strong>world</strong> and <em>you</em> <code>x</code></p>\n<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li></ol>',
    );
  });

  it('keeps only http(s) links and marks them noopener', () => {
    expect(renderMarkdown('[ok](https://example.org/a_b_c)')).toBe(
      '<p><a href="https://example.org/a_b_c" rel="noopener noreferrer nofollow" target="_blank">ok</a></p>',
    );
    expect(renderMarkdown('[bad](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('[q](https://x.org/"onmouseover="alert(1))')).not.toContain('" onmouseover');
  });

  it('does not put emphasis inside a URL', () => {
    const html = renderMarkdown('[a](https://x.org/_y_/z) _it_');
    expect(html).toContain('href="https://x.org/_y_/z"');
    expect(html).toContain('<em>it</em>');
  });
});
