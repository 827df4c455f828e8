// @vitest-environment jsdom
import { Lexer } from 'marked';
import { expect, it, vi } from 'vitest';
import * as sanitize from './sanitizeHtml';
import { WARM_UP_SAMPLE, warmUpMarkdown } from './warmUp';

vi.mock('./sanitizeHtml', async (importOriginal) => {
  const real = await importOriginal<typeof sanitize>();
  return { renderBlockHtml: vi.fn(real.renderBlockHtml) };
});

it('the sample holds one of each block kind', () => {
  const kinds = new Set(Lexer.lex(WARM_UP_SAMPLE, { gfm: true }).map((token) => token.type));
  for (const kind of ['heading', 'paragraph', 'list', 'blockquote', 'table', 'code', 'hr']) expect(kinds).toContain(kind);
});

it('renders every block of the sample, one per idle step, never all in one', () => {
  const steps: (() => void)[] = [];
  warmUpMarkdown((step) => steps.push(step));
  const render = vi.mocked(sanitize.renderBlockHtml);
  let ran = 0;
  while (steps.length) {
    const calls = render.mock.calls.length;
    steps.shift()!();
    expect(render.mock.calls.length - calls).toBeLessThanOrEqual(1);
    ran++;
  }
  const rendered = render.mock.calls.map(([raw]) => raw);
  expect(rendered.length).toBeGreaterThanOrEqual(10);
  expect(rendered.join('')).toContain('const a = 1;');
  expect(rendered.every((raw) => render.mock.results[rendered.indexOf(raw)].value.length > 0)).toBe(true);
  expect(ran).toBe(rendered.length + 1);
});
