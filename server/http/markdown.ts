/**
 * Scenario markdown to HTML for the task panel. Authors write markdown, not HTML: raw HTML is
 * shown as text, link targets are limited to http(s) and relative URLs, and every text is
 * escaped by marked. Code spans become one-click copy buttons on the page.
 */
import { Marked, type Tokens } from 'marked';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string {
      const href = /^(https?:\/\/|\/|#)/i.test(token.href) ? token.href : '#';
      return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${this.parser.parseInline(token.tokens)}</a>`;
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text);
    },
    codespan(token: Tokens.Codespan): string {
      return `<code class="copy" title="Click to copy">${escapeHtml(token.text)}</code>`;
    },
  },
});

export function renderMarkdown(md: string): string {
  return marked.parse(md, { async: false }) as string;
}

/** JSON for a `<script type="application/json">` block: nothing in it can close the tag. */
export function jsonForScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
