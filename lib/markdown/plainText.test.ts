// @vitest-environment jsdom
import { expect, it } from 'vitest';
import { markdownPlainText } from './plainText';

it('reads an answer as its rendered text: no Markdown marks, one block a line', () => {
  const markdown = [
    '## Models &amp; prices',
    'Use **bold** and `a<b>` with [the docs](https://example.com).',
    '- one\n- two\n  - nested',
    '| Model | Price |\n| --- | ---: |\n| small | 1.5 |',
    '```ts\nconst a = 1 < 2;\n```',
    '> quoted *text*',
    '---',
    'An image ![a cat](https://example.com/cat.png) and <b>raw</b> html.',
  ].join('\n\n');
  expect(markdownPlainText(markdown)).toBe(
    [
      'Models & prices',
      'Use bold and a<b> with the docs.',
      'one',
      'two',
      'nested',
      'Model, Price',
      'small, 1.5',
      'const a = 1 < 2;',
      'quoted text',
      'An image [image: a cat] and raw html.',
    ].join('\n'),
  );
});

it('keeps the text of raw HTML blocks and never runs them', () => {
  const text = markdownPlainText('<div><img src=x onerror="globalThis.ran = true">Hello <script>globalThis.ran = true</script></div>');
  expect(text).toBe('Hello');
  expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
});
