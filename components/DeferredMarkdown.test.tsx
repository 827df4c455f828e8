// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { DeferredMarkdown } from './DeferredMarkdown';
import { NearViewportContext, type NearViewport } from './nearViewport';

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

/** A NearViewport the test drives: it records who waits and lets the test say they are near. */
function fakeNearViewport() {
  const waiting = new Map<Element, () => void>();
  const unobserved = vi.fn();
  const nearViewport: NearViewport = {
    observe(element, onNear) {
      waiting.set(element, onNear);
      return () => {
        waiting.delete(element);
        unobserved(element);
      };
    },
  };
  return { nearViewport, waiting, unobserved };
}

/** Lets the slices of rendering work run until `count` messages show their Markdown. */
async function untilRendered(container: HTMLElement, count: number) {
  for (let i = 0; i < 100 && container.querySelectorAll('.markdown-settled').length < count; i++) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  expect(container.querySelectorAll('.markdown-settled').length).toBe(count);
}

const TEXT = '## Title\n\n```js\nconst a = 1;\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |';

it('shows the text as plain text until it is near the viewport, then renders the Markdown', async () => {
  const { nearViewport, waiting } = fakeNearViewport();
  const { container, root } = mount();
  act(() =>
    root.render(
      <NearViewportContext.Provider value={nearViewport}>
        <DeferredMarkdown text={TEXT} />
      </NearViewportContext.Provider>,
    ),
  );
  expect(container.querySelector('.markdown-block')).toBeNull();
  expect(container.querySelector('.markdown-deferred')?.textContent).toBe(TEXT);
  expect(waiting.size).toBe(1);

  act(() => [...waiting.values()][0]());
  // rendered in a later slice of work (components/renderSlices.ts), not in the observer's callback
  expect(container.querySelector('.markdown-deferred')).not.toBeNull();
  await untilRendered(container, 1);
  expect(container.querySelector('.markdown-deferred')).toBeNull();
  expect(container.querySelector('h2')?.textContent).toBe('Title');
  expect(container.querySelector('.table-scroll > table')).not.toBeNull();
  expect(waiting.size).toBe(0);
});

it('renders at once outside a long list, and stays rendered when it becomes deferrable', () => {
  const { nearViewport, waiting } = fakeNearViewport();
  const { container, root } = mount();
  act(() => root.render(<DeferredMarkdown text={TEXT} />));
  expect(container.querySelector('h2')?.textContent).toBe('Title');

  // A message among the last ones (rendered at once) moves up when new messages arrive.
  act(() =>
    root.render(
      <NearViewportContext.Provider value={null}>
        <DeferredMarkdown text={TEXT} />
      </NearViewportContext.Provider>,
    ),
  );
  act(() =>
    root.render(
      <NearViewportContext.Provider value={nearViewport}>
        <DeferredMarkdown text={TEXT} />
      </NearViewportContext.Provider>,
    ),
  );
  expect(container.querySelector('h2')?.textContent).toBe('Title');
  expect(container.querySelector('.markdown-deferred')).toBeNull();
  expect(waiting.size).toBe(0);
});

it('stops waiting when unmounted before it came near', () => {
  const { nearViewport, waiting, unobserved } = fakeNearViewport();
  const { root } = mount();
  act(() =>
    root.render(
      <NearViewportContext.Provider value={nearViewport}>
        <DeferredMarkdown text={TEXT} />
      </NearViewportContext.Provider>,
    ),
  );
  expect(waiting.size).toBe(1);
  act(() => root.render(<p>other</p>));
  expect(unobserved).toHaveBeenCalledTimes(1);
  expect(waiting.size).toBe(0);
});

it('several messages coming near at once render later, not in the observer callback, top first', async () => {
  const { nearViewport, waiting } = fakeNearViewport();
  const { container, root } = mount();
  const texts = Array.from({ length: 4 }, (_, i) => `## Message ${i}\n\n\`\`\`js\nconst a = ${i};\n\`\`\``);
  act(() =>
    root.render(
      <NearViewportContext.Provider value={nearViewport}>
        {texts.map((text) => (
          <DeferredMarkdown key={text} text={text} />
        ))}
      </NearViewportContext.Provider>,
    ),
  );
  const rendered: string[][] = [];
  const observer = new MutationObserver(() => rendered.push([...container.querySelectorAll('.markdown-settled h2')].map((h) => h.textContent ?? '')));
  observer.observe(container, { childList: true, subtree: true });

  act(() => [...waiting.values()].forEach((onNear) => onNear()));
  expect(container.querySelectorAll('.markdown-settled').length).toBe(0);
  await untilRendered(container, 4);
  observer.disconnect();
  // every message's text is there, as Markdown now, top first
  expect([...container.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Message 0', 'Message 1', 'Message 2', 'Message 3']);
  // and in order: every state seen on the way is the first few of them
  for (const seen of rendered) expect(seen).toEqual(['Message 0', 'Message 1', 'Message 2', 'Message 3'].slice(0, seen.length));
  // each stand-in is a box of its own that keeps a height guess until laid out (content-visibility)
  for (const box of container.querySelectorAll<HTMLElement>('.markdown-settled')) expect(box.style.containIntrinsicBlockSize).toMatch(/^auto \d+px$/);
});
