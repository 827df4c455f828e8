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

  await act(async () => [...waiting.values()][0]());
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
