// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderBlockHtml } from './sanitizeHtml';

/** Renders Markdown and parses the result for DOM assertions. */
function render(markdown: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderBlockHtml(markdown);
  return host;
}

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
    expect([...host.querySelectorAll('span.markdown-image')].map((s) => s.textContent)).toEqual([
      '[image: a cat]',
      '[image: dog]',
    ]);
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
  ])('removes the href %j but keeps the link text', (href) => {
    const link = render(`[text](${href})`).querySelector('a');
    expect(link?.textContent).toBe('text');
    expect(link?.hasAttribute('href')).toBe(false);
    expect(link?.hasAttribute('target')).toBe(false);
  });

  it('removes obfuscated javascript: hrefs in raw HTML', () => {
    const host = render('<a href=" javascript:alert(1)">a</a> <a href="&#106;avascript:alert(1)">b</a> <a href="java&#x09;script:alert(1)">c</a>');
    expect([...host.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([null, null, null]);
  });

  it.each(['https://ok.example/path?q=1', 'http://ok.example/', 'mailto:someone@example.com'])(
    'keeps %j and opens it in a new tab without opener',
    (href) => {
      const link = render(`[ok](${href})`).querySelector('a');
      expect(link?.getAttribute('href')).toBe(href);
      expect(link?.getAttribute('target')).toBe('_blank');
      expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    },
  );

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
