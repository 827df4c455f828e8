import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import type { HLJSApi } from 'highlight.js';
import { Marked } from 'marked';
import { decorateBlock } from './decorateBlock';

/**
 * Markdown block → safe HTML for untrusted model output.
 *
 * marked passes raw HTML through, so everything it emits is treated as hostile
 * and sanitised with an allowlist: only formatting tags, no attribute that can
 * run code, style the extension UI or load a resource.
 */

// Own instances: the global `marked` may be reconfigured by other code.
const options = () => ({ gfm: true, breaks: false, async: false }) as const;
// Task-list checkboxes would be <input>, which is not allowed; show text.
const checkbox = ({ checked }: { checked: boolean }): string => (checked ? '☑ ' : '☐ ');
const plainMarkdown = new Marked({ ...options(), renderer: { checkbox } });

/**
 * Fenced code in a language the highlighter knows comes out as highlight.js spans (its output
 * escapes the code; the sanitiser still checks it). Anything else falls back to marked's own code.
 */
let highlighted: { hljs: HLJSApi; markdown: Marked } | undefined;
function highlightingMarkdown(hljs: HLJSApi): Marked {
  if (highlighted?.hljs === hljs) return highlighted.markdown;
  const markdown = new Marked({
    ...options(),
    renderer: {
      checkbox,
      code({ text, lang }) {
        const language = lang?.match(/^\S*/)?.[0] ?? '';
        if (!language || !hljs.getLanguage(language)) return false;
        const html = hljs.highlight(text, { language, ignoreIllegals: true }).value;
        return `<pre><code class="language-${escapeText(language).replace(/"/g, '&quot;')}">${html}\n</code></pre>\n`;
      },
    },
  });
  highlighted = { hljs, markdown };
  return markdown;
}

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'dd',
  'del',
  'details',
  'div',
  'dl',
  'dt',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];

// No src/srcset/poster/background (resource loads), no style, no id/name
// (DOM clobbering), no on* (scripts): none of them is listed.
const ALLOWED_ATTR = ['href', 'title', 'class', 'align', 'start', 'colspan', 'rowspan'];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // DOMPurify tests this on every allowed attribute not marked URI-safe (so
  // effectively on href), after stripping the whitespace/control characters
  // browsers ignore in schemes. Relative URLs fail too: in an extension page
  // they would resolve to the extension itself.
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  // Plain values that must not be judged as URLs (title/class already are).
  ADD_URI_SAFE_ATTR: ['align', 'start', 'colspan', 'rowspan'],
};

const CODE_LANGUAGE = /^language-[\w+#.-]+$/;
const HIGHLIGHT_CLASS = /^hljs-[\w-]+$/;

let purifier: DOMPurify | undefined;

/** Created lazily against `window`: the module may be imported where none exists. */
function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window);

  // Images never load (remote ones leak the reader's IP); keep their alt text.
  // The span is inserted before the <img>, which DOMPurify then removes as
  // not allowed; built with textContent, it needs no sanitising itself.
  instance.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'img') return;
    const img = node as Element; // a tag name means an element node
    const alt = img.getAttribute('alt')?.trim();
    const span = img.ownerDocument.createElement('span');
    span.className = 'markdown-image';
    span.textContent = alt ? `[image: ${alt}]` : '[image]';
    img.parentNode?.insertBefore(span, img);
  });

  // class only as the fenced-code language and highlight.js's hljs-* token classes on spans, so
  // model output cannot borrow the extension's own CSS classes.
  instance.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName !== 'class') return;
    if (node.nodeName === 'CODE' && CODE_LANGUAGE.test(data.attrValue)) return;
    const tokens = node.nodeName === 'SPAN' ? data.attrValue.split(/\s+/).filter((t) => HIGHLIGHT_CLASS.test(t)) : [];
    if (tokens.length > 0) data.attrValue = tokens.join(' ');
    else data.keepAttr = false;
  });

  // Links that kept their href open outside the panel, without an opener.
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });

  purifier = instance;
  return instance;
}

/** Blocks without code, tables or links (most of a streaming answer) skip the DOM pass below. */
const MAY_NEED_DECORATION = /<(?:pre|table|a)[\s>]/i;

/** The panel's own parts, added after sanitising, from trusted code only: model output can never produce them. */
function decorated(fragment: DocumentFragment): string {
  decorateBlock(fragment);
  const host = fragment.ownerDocument.createElement('div');
  host.append(fragment);
  return host.innerHTML;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Safe HTML of one Markdown block, with the panel's own code-block bar, table scroll box and
 * unsafe links as text (lib/markdown/decorateBlock.ts). With `hljs`, fenced code is highlighted.
 */
export function renderBlockHtml(raw: string, hljs?: HLJSApi): string {
  const key = hljs ? `h${raw}` : `p${raw}`;
  const cached = rendered.get(key);
  if (cached !== undefined) {
    // Most recently used last, so the oldest entry is the first to go.
    rendered.delete(key);
    rendered.set(key, cached);
    return cached;
  }
  const purify = getPurifier();
  // Without a usable DOM DOMPurify returns its input unchanged: fail closed.
  if (!purify.isSupported) return `<pre>${escapeText(raw)}</pre>`;
  const markdown = hljs ? highlightingMarkdown(hljs) : plainMarkdown;
  const unsafe = markdown.parse(raw, { async: false });
  const html = MAY_NEED_DECORATION.test(unsafe)
    ? decorated(purify.sanitize(unsafe, { ...CONFIG, RETURN_DOM_FRAGMENT: true }))
    : purify.sanitize(unsafe, CONFIG);
  if (raw.length <= MAX_CACHED_BLOCK_CHARS) {
    rendered.set(key, html);
    if (rendered.size > MAX_CACHED_BLOCKS) rendered.delete(rendered.keys().next().value!);
  }
  return html;
}

/**
 * Sanitised HTML of recently rendered blocks. A finished answer, a tab switched back to, or
 * history reopened renders the same blocks again: without the cache, every block of a long answer
 * is parsed and sanitised again in one task (bench/panelMainThread.mjs: 175-263 ms for 130 blocks).
 */
const rendered = new Map<string, string>();
const MAX_CACHED_BLOCKS = 1000;
const MAX_CACHED_BLOCK_CHARS = 20_000;
