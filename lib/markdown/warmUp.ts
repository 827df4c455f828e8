// The first Markdown a panel renders pays for compiling marked's and DOMPurify's regular expressions
// and for their first, slowest runs (bench/concurrency.mjs, 20 answers on a fresh panel: one 185 ms
// task, 88 ms of it lexing a 2 KB answer; none over 15 ms of CPU once warm). Rendering a small
// sample of every block kind while the panel is idle moves that cost out of the first answer.

import { splitIntoBlocks } from './markdownBlocks';
import { renderBlockHtml } from './sanitizeHtml';

/** One of each block kind the renderer has a rule for, with the inline constructs inside them. */
export const WARM_UP_SAMPLE = [
  '# A heading with *emphasis*',
  'A paragraph with **strong**, `code`, ~~struck~~ text, a [link](https://example.com) and <b>HTML</b>.',
  'Setext heading\n---',
  '- one\n- two\n  - nested',
  '1. first\n2. second',
  '- [x] done\n- [ ] open',
  '> a quote',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '```js\nconst a = 1;\n```',
  '    indented code',
  '***',
].join('\n\n');

/**
 * Lexes the sample and renders its blocks, one block per idle period (a cold engine may take tens
 * of milliseconds for the first: it must not hold up a click). `whenIdle` schedules a step.
 */
export function warmUpMarkdown(whenIdle: (step: () => void) => void = idle): void {
  let blocks: string[] = [];
  let next = 0;
  const step = () => {
    if (next === 0 && blocks.length === 0) blocks = splitIntoBlocks(WARM_UP_SAMPLE).blocks.filter((block) => block.trim());
    else renderBlockHtml(blocks[next++]);
    if (next < blocks.length) whenIdle(step);
  };
  whenIdle(step);
}

function idle(step: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(step, { timeout: 5000 });
  else setTimeout(step, 50);
}
