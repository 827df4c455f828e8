// @vitest-environment jsdom
// Code blocks already on screen when highlight.js arrives are highlighted one slice of work at a
// time (components/renderSlices.ts), not all in the update that announced the highlighter.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, expect, it } from 'vitest';
import { getHighlighter, loadHighlighter } from '../lib/markdown/highlighter';
import { Markdown } from './Markdown';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const CODE_BLOCKS = 6;
const TEXT = Array.from({ length: CODE_BLOCKS }, (_, i) => `Step ${i}:\n\n\`\`\`js\nconst step${i} = ${i};\n\`\`\``).join('\n\n');
const highlighted = (container: HTMLElement) => container.querySelectorAll('pre code .hljs-keyword').length;

it('highlights the code blocks shown before the highlighter loaded in later tasks, each once it can', async () => {
  expect(getHighlighter()).toBeUndefined(); // this file's module state: nothing loaded yet
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(<Markdown text={TEXT} />)); // finished code: asks for the highlighter
  expect(container.querySelectorAll('pre').length).toBe(CODE_BLOCKS);
  expect(highlighted(container)).toBe(0);

  await act(async () => {
    await loadHighlighter();
  });
  // the highlighter is there, but no block was re-rendered in the update that announced it
  expect(getHighlighter()).toBeDefined();
  expect(highlighted(container)).toBe(0);

  for (let i = 0; i < 100 && highlighted(container) < CODE_BLOCKS; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(highlighted(container)).toBe(CODE_BLOCKS);
  expect([...container.querySelectorAll('pre code .hljs-keyword')].every((k) => k.textContent === 'const')).toBe(true);
  act(() => root.unmount());
});
