// @vitest-environment jsdom
import type { HLJSApi } from 'highlight.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighlighter } from './highlighter';
import { renderBlockHtml } from './sanitizeHtml';

/** Renders Markdown (highlighting code with `hljs`) and parses the result for DOM assertions. */
function render(markdown: string, hljs?: HLJSApi): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderBlockHtml(markdown, hljs);
  return host;
}

let hljs: HLJSApi;
beforeAll(async () => {
  hljs = (await loadHighlighter())!;
});

const FORBIDDEN_TAGS = 'script, style, iframe, object, embed, form, input, button, svg, math, img, video, audio, source, picture, link, meta, base';

const HOSTILE = [
  '<script>alert(1)</script>',
  'hi <script>alert(1)</script> there',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<iframe src="https://evil.example/"></iframe>',
  '<a href="https://ok.example/" onclick="alert(1)">ok</a>',
  '![a](https://evil.example/p.png)',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<math><mi>x</mi></math>',
  '<style>body{display:none}</style>',
  '<div style="position:fixed" class="panel" id="x" data-x="1" onmouseover="alert(1)">hi <b>bold</b></div>',
  '<form action="https://evil.example/"><input name=q><button>Go</button></form>',
  '<object data="x.swf">fallback</object><embed src="x.swf">',
  '<video poster="https://evil.example/p.png"></video><picture><source srcset="https://evil.example/a.png"></picture>',
  '<table background="https://evil.example/p.png"><tr><td>x</td></tr></table>',
  '<details open ontoggle=alert(1)><summary>S</summary>body</details>',
];

describe('renderBlockHtml', () => {
  it.each(HOSTILE)('leaves nothing executable, styling or loading in %j', (markdown) => {
    const host = render(markdown);
    expect(host.querySelector(FORBIDDEN_TAGS)).toBeNull();
    for (const el of host.querySelectorAll('*')) {
      for (const { name } of el.attributes) {
        expect(name).not.toMatch(/^on|^style$|^src|^background$|^poster$|^id$|^data-/);
      }
    }
    expect(host.innerHTML).not.toMatch(/alert\(1\)|evil\.example|display:none/);
  });

  it('drops scripts and styles with their content but keeps surrounding text', () => {
    expect(render('hi <script>alert(1)</script> there').textContent?.trim()).toBe('hi  there');
    expect(render('<style>body{display:none}</style>').textContent).toBe('');
  });

  it('turns images into text, so nothing is fetched', () => {
    const host = render('![a cat](https://evil.example/p.png) and <img src=x alt="dog" onerror=alert(1)>');
    expect(host.querySelector('img')).toBeNull();
    expect([...host.querySelectorAll('span.markdown-image')].map((s) => s.textContent)).toEqual(['[image: a cat]', '[image: dog]']);
    expect(render('<img src=x>').textContent).toBe('[image]');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'chrome-extension://abcdef/options.html',
    'file:///etc/passwd',
    '/relative/path',
    '#fragment',
  ])('removes the href %j and shows the link as plain text', (href) => {
    const host = render(`See [the *text*](${href}) here`);
    expect(host.querySelector('a')).toBeNull();
    expect(host.innerHTML).toBe('<p>See the <em>text</em> here</p>\n');
  });

  it('removes obfuscated javascript: hrefs in raw HTML, leaving the text', () => {
    const host = render('<a href=" javascript:alert(1)">a</a> <a href="&#106;avascript:alert(1)">b</a> <a href="java&#x09;script:alert(1)">c</a>');
    expect(host.querySelector('a')).toBeNull();
    expect(host.textContent?.trim()).toBe('a b c');
  });

  it.each(['https://ok.example/path?q=1', 'http://ok.example/', 'mailto:someone@example.com'])('keeps %j and opens it in a new tab without opener', (href) => {
    const link = render(`[ok](${href})`).querySelector('a');
    expect(link?.getAttribute('href')).toBe(href);
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('strips event handlers from an allowed link', () => {
    const link = render('<a href="https://ok.example/" onclick="alert(1)">ok</a>').querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://ok.example/');
    expect(link?.getAttribute('onclick')).toBeNull();
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('keeps harmless raw HTML but not its attributes', () => {
    const host = render('<div style="position:fixed" class="panel" id="x" data-x="1">hi <b>bold</b></div>');
    expect(host.innerHTML).toBe('<div>hi <b>bold</b></div>');
  });

  it('keeps the text of removed form controls, not the controls', () => {
    const host = render('<form action="https://evil.example/"><input name=q><button>Go</button></form>');
    expect(host.querySelector('form, input, button')).toBeNull();
    expect(host.textContent).toBe('Go');
  });

  it('keeps GFM tables with alignment', () => {
    const host = render('| Name | Value |\n| :--- | ----: |\n| a | 1 |\n| b | 2 |');
    expect([...host.querySelectorAll('th')].map((th) => [th.textContent, th.getAttribute('align')])).toEqual([
      ['Name', 'left'],
      ['Value', 'right'],
    ]);
    expect([...host.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['a', '1', 'b', '2']);
  });

  it('puts every table in its own sideways-scrolling box', () => {
    const host = render('| Model | Context |\n| --- | --- |\n| a | 1 |');
    const box = host.querySelector('table')?.parentElement;
    expect(box?.className).toBe('table-scroll');
    expect(box?.getAttribute('tabindex')).toBe('0');
    expect(box?.parentElement).toBe(host);
  });

  it('gives every code block a language label and a Copy code button', () => {
    const labelled = render('```ts\nconst a = 1;\n```');
    const block = labelled.querySelector('.code-block');
    expect(block?.parentElement).toBe(labelled);
    expect(block?.querySelector('.code-block-language')?.textContent).toBe('ts');
    const button = block?.querySelector('button');
    expect(button?.textContent).toBe('Copy code');
    expect(button?.getAttribute('type')).toBe('button');
    expect(block?.querySelector('pre > code')?.textContent).toBe('const a = 1;\n');
    expect(render('    indented code').querySelector('.code-block-language')?.textContent).toBe('text');
    // A list item's code block too, highlighted or not.
    expect(render('- item\n\n  ```py\n  x = 1\n  ```', hljs).querySelectorAll('li .code-block button')).toHaveLength(1);
  });

  it("never lets model output forge the panel's code bar or button", () => {
    const host = render('<div class="code-block"><div class="code-block-bar"><button class="code-copy" onclick="alert(1)">Copy code</button></div></div>');
    expect(host.querySelector('button, .code-block, .code-block-bar, [onclick]')).toBeNull();
  });

  it('highlights fenced code in a known language with hljs spans only', () => {
    const host = render('```js\nconst answer = 42; // the answer\n```', hljs);
    const code = host.querySelector('pre > code');
    expect(code?.className).toBe('language-js');
    expect(code?.querySelector('span.hljs-keyword')?.textContent).toBe('const');
    expect(code?.querySelector('span.hljs-number')?.textContent).toBe('42');
    expect(code?.querySelector('span.hljs-comment')?.textContent).toBe('// the answer');
    expect(code?.textContent).toBe('const answer = 42; // the answer\n');
    for (const span of code!.querySelectorAll('span')) expect(span.className).toMatch(/^hljs-[\w-]+( hljs-[\w-]+)*$/);
    // Without the highlighter, or in a language it does not know: plain text.
    expect(render('```js\nconst answer = 42;\n```').querySelector('code span')).toBeNull();
    expect(render('```nolang\nconst answer = 42;\n```', hljs).querySelector('code span')).toBeNull();
  });

  it.each([
    '```html\n<img src=x onerror=alert(1)><script>alert(1)</script><a href="javascript:alert(1)">x</a>\n```',
    '```js\nconst s = "</code></pre><img src=x onerror=alert(1)>";\n```',
    '```xml\n<svg onload=alert(1)><style>body{display:none}</style></svg>\n```',
    '```js"><img src=x onerror=alert(1)>\nx\n```',
  ])('keeps hostile code-block content inert text when highlighted: %j', (markdown) => {
    const host = render(markdown, hljs);
    const source = markdown.split('\n').slice(1, -1).join('\n');
    expect(host.querySelector('img, script, style, svg, a, [onerror], [onload]')).toBeNull();
    expect(host.querySelector('pre')?.textContent).toBe(`${source}\n`);
    // The only button is the panel's own.
    expect([...host.querySelectorAll('button')].map((b) => b.className)).toEqual(['code-copy']);
  });

  it('allows class on spans only as hljs-* tokens', () => {
    expect(render('<span class="hljs-keyword panel">x</span>').querySelector('span')?.getAttribute('class')).toBe('hljs-keyword');
    expect(render('<span class="toolbar">x</span>').querySelector('span')?.hasAttribute('class')).toBe(false);
    expect(render('<div class="hljs-keyword">x</div>').querySelector('div')?.hasAttribute('class')).toBe(false);
  });

  it('keeps fenced code with its language class, as text', () => {
    const host = render('```ts\nconst s = "<script>alert(1)</script>";\n```');
    const code = host.querySelector('pre > code');
    expect(code?.className).toBe('language-ts');
    expect(code?.textContent).toBe('const s = "<script>alert(1)</script>";\n');
    expect(host.querySelector('script')).toBeNull();
  });

  it('allows class only as a code language', () => {
    expect(render('```js"><b class="x">\nx\n```').querySelector('code')?.hasAttribute('class')).toBe(false);
    expect(render('<code class="language-js evil">x</code>').querySelector('code')?.hasAttribute('class')).toBe(false);
    expect(render('<p class="toolbar">x</p>').querySelector('p')?.hasAttribute('class')).toBe(false);
  });

  it('renders task lists as text instead of inputs', () => {
    const host = render('- [ ] todo\n- [x] done');
    expect(host.querySelector('input')).toBeNull();
    expect([...host.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['☐ todo', '☑ done']);
  });

  it('keeps ordinary Markdown formatting', () => {
    const host = render('## Title *em* **strong** `code` ~~del~~\n');
    expect(host.innerHTML).toBe('<h2>Title <em>em</em> <strong>strong</strong> <code>code</code> <del>del</del></h2>\n');
    expect(render('3. three\n4. four').querySelector('ol')?.getAttribute('start')).toBe('3');
  });
});
