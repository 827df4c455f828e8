// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { splitIntoBlocks } from '../lib/markdown/markdownBlocks';
import * as sanitize from '../lib/markdown/sanitizeHtml';
import { Markdown } from './Markdown';

// Count renders of block HTML while keeping the real sanitiser.
vi.mock('../lib/markdown/sanitizeHtml', async (importOriginal) => {
  const real = await importOriginal<typeof sanitize>();
  return { renderBlockHtml: vi.fn(real.renderBlockHtml) };
});

const DOC = `# Answer

Here is a paragraph with a [link](https://example.com) and \`code\`.

- one
- two
  still two

\`\`\`js
const a = 1;

console.log(a);
\`\`\`

| k | v |
|---|---|
| a | 1 |

Done <img src=x onerror=alert(1)>.
`;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const roots: Root[] = [];
afterEach(() => {
  act(() => roots.splice(0).forEach((root) => root.unmount()));
});

function mount(): { container: HTMLElement; root: Root } {
  const container = document.createElement('div');
  const root = createRoot(container);
  roots.push(root);
  return { container, root };
}

const blockNodes = (container: HTMLElement) => [...container.querySelectorAll('.markdown > .markdown-block')];

it('streams to the same DOM as rendering the whole text, reusing finished blocks', () => {
  const renderHtml = vi.mocked(sanitize.renderBlockHtml);
  const { container, root } = mount();
  let shown: string[] = [];
  let kept: { block: Element; child: Node | null; html: string }[] = [];

  for (let end = 5; ; end = Math.min(DOC.length, end + 5)) {
    const text = DOC.slice(0, end);
    renderHtml.mockClear();
    act(() => root.render(<Markdown text={text} streaming />));

    // Only blocks whose source changed were rendered again (normally just the last).
    const { blocks, state } = splitIntoBlocks(text);
    const changed = blocks.filter((raw, i) => raw !== shown[i]);
    expect(renderHtml.mock.calls.map(([raw]) => raw)).toEqual(changed);
    shown = blocks;

    if (kept.length === 0 && state.stable.length >= 4) {
      kept = blockNodes(container)
        .slice(0, state.stable.length)
        .map((block) => ({ block, child: block.firstChild, html: block.innerHTML }));
    }
    if (end === DOC.length) break;
  }
  expect(container.querySelector('.markdown-caret')?.getAttribute('aria-hidden')).toBe('true');
  act(() => root.render(<Markdown text={DOC} />));
  expect(container.querySelector('.markdown-caret')).toBeNull();

  const whole = mount();
  act(() => whole.root.render(<Markdown text={DOC} />));
  expect(container.innerHTML).toBe(whole.container.innerHTML);
  expect(container.querySelector('img, [onerror]')).toBeNull();

  // The DOM of blocks finished early in the stream is untouched: same element,
  // same child nodes (innerHTML was not reset), same content.
  expect(kept.length).toBeGreaterThanOrEqual(4);
  const finalBlocks = blockNodes(container);
  kept.forEach(({ block, child, html }, i) => {
    expect(finalBlocks[i]).toBe(block);
    expect(block.firstChild).toBe(child);
    expect(block.innerHTML).toBe(html);
  });
});

it('starts over when the text is replaced rather than extended', () => {
  const { container, root } = mount();
  act(() => root.render(<Markdown text={'# One\n\nfirst\n\nsecond\n\nthird'} streaming />));
  act(() => root.render(<Markdown text={'Retry\n\n- a'} />));
  const whole = mount();
  act(() => whole.root.render(<Markdown text={'Retry\n\n- a'} />));
  expect(container.innerHTML).toBe(whole.container.innerHTML);
});

it('a long paragraph still streaming is drawn as parts: each update renders only the newest part, the earlier parts keep their DOM', () => {
  const renderHtml = vi.mocked(sanitize.renderBlockHtml);
  const paragraph = Array.from({ length: 400 }, (_v, i) => `Sentence ${i} tells of otters and rivers.`).join(' '); // ~17,000 characters
  const { container, root } = mount();
  act(() => root.render(<Markdown text={`# Title\n\n${paragraph.slice(0, 9000)}`} streaming />));
  const parts = [...container.querySelectorAll('.markdown-block-part')];
  expect(parts.length).toBeGreaterThanOrEqual(4);
  const firstPart = parts[0];

  renderHtml.mockClear();
  act(() => root.render(<Markdown text={`# Title\n\n${paragraph.slice(0, 9100)}`} streaming />));
  // one part rendered again, and it is short: not the 9,000-character paragraph
  expect(renderHtml.mock.calls).toHaveLength(1);
  expect(renderHtml.mock.calls[0][0].length).toBeLessThan(2200);
  expect(container.querySelector('.markdown-block-part')).toBe(firstPart);

  // finished: one paragraph, as when rendered whole
  act(() => root.render(<Markdown text={`# Title\n\n${paragraph}`} />));
  expect(container.querySelector('.markdown-block-part')).toBeNull();
  const whole = mount();
  act(() => whole.root.render(<Markdown text={`# Title\n\n${paragraph}`} />));
  expect(container.innerHTML).toBe(whole.container.innerHTML);
});
