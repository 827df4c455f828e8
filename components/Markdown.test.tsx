// @vitest-environment jsdom
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { loadHighlighter } from '../lib/markdown/highlighter';
import { splitIntoBlocks } from '../lib/markdown/markdownBlocks';
import { estimatedTextHeight } from './groupHeights';
import * as sanitize from '../lib/markdown/sanitizeHtml';
import { BLOCKS_PER_GROUP, GROUP_CHARS, groupStarts, hasFencedCode, LONG_BLOCK_CHARS, Markdown } from './Markdown';

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

beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // Loaded once for the whole file, as the panel does after its first code block.
  await loadHighlighter();
});

const roots: Root[] = [];
afterEach(() => {
  act(() => roots.splice(0).forEach((root) => root.unmount()));
});

function mount(): { container: HTMLElement; root: Root } {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  roots.push(root);
  return { container, root };
}

const blockNodes = (container: HTMLElement) => [...container.querySelectorAll('.markdown .markdown-block')];

it('streams to the same DOM as rendering the whole text, reusing finished blocks', () => {
  const renderHtml = vi.mocked(sanitize.renderBlockHtml);
  const { container, root } = mount();
  let shown: string[] = [];
  let highlighted: boolean[] = [];
  let kept: { block: Element; child: Node | null; html: string }[] = [];

  for (let end = 5; ; end = Math.min(DOC.length, end + 5)) {
    const text = DOC.slice(0, end);
    renderHtml.mockClear();
    act(() => root.render(<Markdown text={text} streaming />));

    // Only blocks whose source changed were rendered again (normally just the last), and a code
    // block once more when it is finished (then highlighted).
    const { blocks, state } = splitIntoBlocks(text);
    const isHighlighted = blocks.map((raw, i) => i < blocks.length - 1 && hasFencedCode(raw));
    const changed = blocks.filter((raw, i) => raw !== shown[i] || isHighlighted[i] !== highlighted[i]);
    expect(renderHtml.mock.calls.map(([raw]) => raw)).toEqual(changed);
    expect(renderHtml.mock.calls.map(([, hljs]) => Boolean(hljs))).toEqual(
      blocks.flatMap((raw, i) => (raw !== shown[i] || isHighlighted[i] !== highlighted[i] ? [isHighlighted[i]] : [])),
    );
    shown = blocks;
    highlighted = isHighlighted;

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

  // finished: the same DOM as rendering the finished text at once
  act(() => root.render(<Markdown text={`# Title\n\n${paragraph}`} />));
  const whole = mount();
  act(() => whole.root.render(<Markdown text={`# Title\n\n${paragraph}`} />));
  expect(container.innerHTML).toBe(whole.container.innerHTML);
});

it('a finished paragraph too long to lay out at once keeps the parts it streamed as; a shorter one is drawn whole', () => {
  const renderHtml = vi.mocked(sanitize.renderBlockHtml);
  const sentences = (n: number) => Array.from({ length: n }, (_v, i) => `Sentence ${i} tells of otters and rivers.`).join(' ');
  const long = sentences(400); // ~17,000 characters, over LONG_BLOCK_CHARS
  expect(long.length).toBeGreaterThan(LONG_BLOCK_CHARS);
  const { container, root } = mount();
  act(() => root.render(<Markdown text={`# Title\n\n${long}`} streaming />));
  const streamedParts = [...container.querySelectorAll('.markdown-block-part')];
  expect(streamedParts.length).toBeGreaterThanOrEqual(4);

  renderHtml.mockClear();
  act(() => root.render(<Markdown text={`# Title\n\n${long}`} />));
  // nothing lexed or rendered again, and the parts are the same elements
  expect(renderHtml).not.toHaveBeenCalled();
  expect([...container.querySelectorAll('.markdown-block-part')]).toEqual(streamedParts);
  expect(container.querySelector('.markdown-block-live')).toBeNull();
  // the text reads the same: the parts join back to the paragraph
  expect([...container.querySelectorAll('.markdown-block-part')].map((part) => (part.textContent ?? '').trim()).join(' ')).toBe(long);

  const short = sentences(150); // ~6,000 characters: drawn as parts while it streams, whole once finished
  expect(short.length).toBeLessThan(LONG_BLOCK_CHARS);
  act(() => root.render(<Markdown text={short} streaming />));
  expect(container.querySelectorAll('.markdown-block-part').length).toBeGreaterThan(1);
  act(() => root.render(<Markdown text={short} />));
  expect(container.querySelector('.markdown-block-part')).toBeNull();
  expect(container.querySelectorAll('p')).toHaveLength(1);
});

it('highlights code in finished blocks and leaves the streaming block plain', () => {
  const { container, root } = mount();
  const text = 'Two blocks:\n\n```js\nconst done = 1;\n```\n\n```js\nconst growing = 2;';
  act(() => root.render(<Markdown text={text} streaming />));
  const [finished, streaming] = [...container.querySelectorAll('pre > code')];
  expect(finished?.querySelector('.hljs-keyword')?.textContent).toBe('const');
  expect(streaming?.textContent).toContain('const growing = 2;');
  expect(streaming?.querySelector('[class^="hljs-"]')).toBeNull();

  act(() => root.render(<Markdown text={`${text}\n\`\`\``} />));
  const last = container.querySelectorAll('pre > code')[1];
  expect(last?.querySelector('.hljs-keyword')?.textContent).toBe('const');
  expect(last?.textContent).toBe('const growing = 2;\n');
});

it('keeps hostile code inert while highlighting it', () => {
  const { container, root } = mount();
  act(() => root.render(<Markdown text={'```html\n<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>\n```'} />));
  expect(container.querySelector('pre > code span[class^="hljs-"]')).not.toBeNull();
  expect(container.querySelector('img, script, [onerror]')).toBeNull();
  expect(container.querySelector('pre')?.textContent).toBe('<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>\n');
  expect((window as { pwned?: number }).pwned).toBeUndefined();
});

it('labels every code block and copies its text with the Copy code button, by mouse or keyboard', async () => {
  const user = userEvent.setup(); // installs a clipboard the test can read
  const { container, root } = mount();
  act(() => root.render(<Markdown text={'```py\nprint("hi")\n```\n\n```\nplain\n```\n\nstill streaming'} streaming />));
  expect([...container.querySelectorAll('.code-block-language')].map((l) => l.textContent)).toEqual(['py', 'text']);
  const buttons = [...container.querySelectorAll('button')];
  expect(buttons.map((b) => b.textContent)).toEqual(['Copy code', 'Copy code']);

  await user.click(buttons[0]);
  expect(await navigator.clipboard.readText()).toBe('print("hi")');
  expect(buttons[0].textContent).toBe('Copied');

  buttons[1].focus();
  await user.keyboard('{Enter}');
  expect(await navigator.clipboard.readText()).toBe('plain');
});

it('copies a streaming code block without the caret', async () => {
  const user = userEvent.setup();
  const { container, root } = mount();
  act(() => root.render(<Markdown text={'```js\nlet x = 1;'} streaming />));
  expect(container.querySelector('pre .markdown-caret')).not.toBeNull();
  await user.click(container.querySelector('button')!);
  expect(await navigator.clipboard.readText()).toBe('let x = 1;');
});

it('puts the streaming caret inline at the end of the text, and removes it when done', () => {
  const { container, root } = mount();
  act(() => root.render(<Markdown text={'First.\n\nHello **world** again'} streaming />));
  const caret = container.querySelector('.markdown-caret');
  expect(caret?.getAttribute('aria-hidden')).toBe('true');
  expect(caret?.parentElement?.tagName).toBe('P');
  expect(caret?.parentElement?.textContent).toBe('Hello world again▍');
  expect(container.querySelectorAll('.markdown-caret')).toHaveLength(1);

  act(() => root.render(<Markdown text={'First.\n\nHello **world** again\n\n- one\n- two'} streaming />));
  expect(container.querySelectorAll('.markdown-caret')).toHaveLength(1);
  expect(container.querySelector('.markdown-caret')?.parentElement?.textContent).toBe('two▍');

  act(() => root.render(<Markdown text={'First.\n\nHello **world** again\n\n- one\n- two'} />));
  expect(container.querySelector('.markdown-caret')).toBeNull();
});

it('wraps tables in their own scroll box and shows unsafe links as plain text', () => {
  const { container, root } = mount();
  act(() =>
    root.render(
      <Markdown text={'| Model | Context window |\n| --- | --- |\n| a | 1 |\n\nA [bad link](javascript:alert(1)) and a [good one](https://example.com).'} />,
    ),
  );
  expect(container.querySelector('.table-scroll > table')).not.toBeNull();
  expect([...container.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['good one']);
  expect(container.querySelector('p')?.textContent).toBe('A bad link and a good one.');
});

it('marks only the growing block as live while streaming, and none once finished', () => {
  const { container, root } = mount();
  const live = () => [...container.querySelectorAll('.markdown-block-live')];
  const longParagraph = Array.from({ length: 150 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
  for (const text of [DOC.slice(0, 40), DOC, `${DOC}\n${longParagraph}`]) {
    act(() => root.render(<Markdown text={text} streaming />));
    const blocks = blockNodes(container);
    expect(live()).toEqual([blocks.at(-1)]);
  }
  // the long paragraph is drawn as parts: the last part is the live one
  expect(live()[0].classList.contains('markdown-block-part')).toBe(true);
  act(() => root.render(<Markdown text={`${DOC}\n${longParagraph}`} />));
  expect(live()).toEqual([]);
});

it('a group takes 16 blocks, or fewer once they hold GROUP_CHARS characters, and where groups start depends only on the blocks before', () => {
  const short = Array.from({ length: 40 }, (_v, i) => `Paragraph ${i}.\n\n`);
  expect(groupStarts(short)).toEqual([0, 16, 32]);
  const parts = Array.from({ length: 48 }, (_v, i) => `${'word '.repeat(700)}${i} `); // 3,500 characters each
  const starts = groupStarts(parts);
  expect(starts.length).toBeGreaterThanOrEqual(48 / 2);
  starts.forEach((start, g) => {
    const group = parts.slice(start, starts[g + 1] ?? parts.length);
    expect(group.join('').length).toBeLessThan(GROUP_CHARS + 3500);
  });
  // a longer list of blocks keeps the starts of its beginning
  const mixed = [...short.slice(0, 10), ...parts.slice(0, 10), ...short];
  for (let n = 1; n <= mixed.length; n++) {
    expect(groupStarts(mixed).filter((start) => start < n)).toEqual(groupStarts(mixed.slice(0, n)));
  }
});

it('puts the blocks in groups of 16 that a growing answer only adds to', () => {
  const { container, root } = mount();
  const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i}.`).join('\n\n');
  const groupSizes = (text: string) => {
    const count = splitIntoBlocks(text).blocks.length;
    return Array.from({ length: Math.ceil(count / BLOCKS_PER_GROUP) }, (_, g) => Math.min(BLOCKS_PER_GROUP, count - g * BLOCKS_PER_GROUP));
  };
  const groups = () => [...container.querySelectorAll('.markdown > .markdown-group')];
  act(() => root.render(<Markdown text={paragraphs(12)} streaming />));
  expect(groups().map((g) => g.children.length)).toEqual(groupSizes(paragraphs(12)));
  expect(groups().length).toBe(2);
  const [first] = groups();
  act(() => root.render(<Markdown text={paragraphs(40)} streaming />));
  expect(groups().map((g) => g.children.length)).toEqual(groupSizes(paragraphs(40)));
  expect(groups().length).toBeGreaterThan(4);
  // the earlier group is the same element: nothing moved between groups
  expect(groups()[0]).toBe(first);
  expect(
    blockNodes(container)
      .map((b) => b.textContent?.replace('▍', '').trim())
      .filter(Boolean),
  ).toEqual(Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.`));
});

/** ResizeObserver as the test drives it: each one made, with what it observes (undo with vi.unstubAllGlobals). */
function stubResizeObserver(): { callback: ResizeObserverCallback; targets: Element[] }[] {
  const observed: { callback: ResizeObserverCallback; targets: Element[] }[] = [];
  class FakeResizeObserver {
    targets: Element[] = [];
    constructor(callback: ResizeObserverCallback) {
      observed.push({ callback, targets: this.targets });
    }
    observe(target: Element) {
      this.targets.push(target);
    }
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  return observed;
}

it('a streamed group the browser never laid out (it arrived out of view) gets a guessed height, so the finished answer does not lay it out either', () => {
  const observed = stubResizeObserver();
  try {
    const text = Array.from({ length: 40 }, (_, i) => `Unseen paragraph ${i} ${'of some length '.repeat(i % 5)}.`).join('\n\n');
    const streaming = mount();
    // all of a fast answer at once: only the last group is in view and laid out
    act(() => streaming.root.render(<Markdown text={text} streaming />));
    const groups = [...streaming.container.querySelectorAll('.markdown-group')];
    expect(groups.length).toBeGreaterThan(2);
    act(() => observed[0].callback([{ target: groups.at(-1)!, borderBoxSize: [{ blockSize: 777 }] } as unknown as ResizeObserverEntry], {} as ResizeObserver));

    const finished = mount();
    act(() => finished.root.render(<Markdown text={text} />));
    const settled = [...finished.container.querySelectorAll<HTMLElement>('.markdown-group')];
    expect(settled.length).toBe(groups.length);
    // the one laid out keeps its height; the others get a guess from their own text
    const blocks = splitIntoBlocks(text).blocks;
    const starts = groupStarts(blocks);
    const guessOf = (g: HTMLElement) => Number(/auto (\d+)px/.exec(g.style.containIntrinsicBlockSize)?.[1]);
    settled.forEach((group, i) => {
      expect(group.classList.contains('markdown-group-sized')).toBe(true);
      const own = blocks.slice(starts[i], starts[i + 1]).join('');
      expect(guessOf(group)).toBe(i === settled.length - 1 ? 777 : estimatedTextHeight(own));
    });
  } finally {
    vi.unstubAllGlobals();
  }
});

it('a finished answer gives its groups the heights they were laid out at while streaming', () => {
  const observed = stubResizeObserver();
  try {
    const text = Array.from({ length: 40 }, (_, i) => `Group test paragraph ${i}.`).join('\n\n');
    const streaming = mount();
    act(() => streaming.root.render(<Markdown text={text} streaming />));
    act(() => streaming.root.render(<Markdown text={`${text} More`} streaming />));
    const groups = [...streaming.container.querySelectorAll('.markdown-group')];
    const { callback, targets } = observed[0];
    expect(targets).toEqual(groups);
    // the browser lays the groups out: 300, 310, … px
    const entries = groups.map((target, i) => ({ target, borderBoxSize: [{ blockSize: 300 + 10 * i }] }) as unknown as ResizeObserverEntry);
    act(() => callback(entries, {} as ResizeObserver));
    // more text on the last line: the last group's content changes but not its height (no resize)
    act(() => streaming.root.render(<Markdown text={`${text} More words`} streaming />));

    const finished = mount();
    act(() => finished.root.render(<Markdown text={`${text} More words`} />));
    const settled = [...finished.container.querySelectorAll<HTMLElement>('.markdown-group')];
    expect(settled.length).toBe(groups.length);
    expect(settled.length).toBeGreaterThan(2);
    // every group takes its height, the last one the height it kept through its last change
    settled.forEach((group, i) => {
      expect(group.classList.contains('markdown-group-sized')).toBe(true);
      expect(group.style.containIntrinsicBlockSize).toBe(`auto ${300 + 10 * i}px`);
    });
    // A text never streamed here gets no guess: its groups are laid out as they are.
    const other = mount();
    act(() => other.root.render(<Markdown text={text.replace(/Group/g, 'Other')} />));
    expect(other.container.querySelector('.markdown-group-sized')).toBeNull();
  } finally {
    vi.unstubAllGlobals();
  }
});
