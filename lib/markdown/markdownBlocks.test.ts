import { Lexer, Marked } from 'marked';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extendLastLine, splitIntoBlocks, type BlockState } from './markdownBlocks';

const DOC = `# Flowbar notes

Intro paragraph with *emphasis*, \`code\` and a [link](https://example.com).
It continues on a second line.

## A list

- first item
- second item
  continued under the item

  a loose paragraph in the item
- third item

1. one
2. two

\`\`\`ts
const x = 1;

function f() {
  return x;
}
\`\`\`

| Name | Value |
| ---- | ----: |
| a    | 1     |
| b    | 2     |

> A quote
> over two lines

Setext heading
--------------

Final paragraph.
`;

const markdown = new Marked({ gfm: true, async: false });
const html = (md: string) => markdown.parse(md, { async: false });

/** Feeds `doc` in chunks of the given sizes (cycled), yielding each result. */
function* stream(doc: string, sizes: number[]) {
  let state: BlockState | undefined;
  for (let end = 0, i = 0; ; i++) {
    const text = doc.slice(0, end);
    const result = splitIntoBlocks(text, state);
    yield { text, ...result };
    state = result.state;
    if (end === doc.length) return;
    end = Math.min(doc.length, end + sizes[i % sizes.length]);
  }
}

afterEach(() => vi.restoreAllMocks());

describe('splitIntoBlocks', () => {
  it.each([
    ['every prefix', [1]],
    ['uneven chunks', [3, 1, 7, 2, 13, 5]],
  ])('incremental equals whole over %s', (_, sizes) => {
    for (const { text, blocks } of stream(DOC, sizes)) {
      expect(blocks.join('')).toBe(text);
      expect(blocks).toEqual(splitIntoBlocks(text).blocks);
      expect(blocks.map(html).join('')).toBe(html(text));
    }
  });

  it('splits the document into its top-level blocks', () => {
    const { blocks, state } = splitIntoBlocks(DOC);
    const kinds = blocks.filter((b) => b.trim()).map((b) => b.trimStart().slice(0, 3));
    expect(kinds).toEqual(['# F', 'Int', '## ', '- f', '1. ', '```', '| N', '> A', 'Set', 'Fin']);
    // Only the last two non-blank blocks stay open.
    expect(state.stable.join('')).toBe(DOC.slice(0, DOC.indexOf('Setext')));
  });

  it('keeps a list open while a following line may still continue it', () => {
    // "2" alone is a paragraph after the list; "2. b" continues the list.
    const first = splitIntoBlocks('1. a\n\n2');
    expect(first.state.stable).toEqual([]);
    const next = splitIntoBlocks('1. a\n\n2. b', first.state);
    expect(next.blocks).toEqual(['1. a\n\n2. b']);
  });

  it('lexes only the text after the stable prefix', () => {
    const lex = vi.spyOn(Lexer, 'lex');
    let lexed = 0;
    let relexAll = 0;
    let previous: BlockState | undefined;
    for (const { text, state } of stream(DOC, [1])) {
      relexAll += text.length;
      const start = previous?.stableLength ?? 0;
      if (text.length > start) {
        expect(lex).toHaveBeenLastCalledWith(text.slice(start), expect.anything());
        lexed += text.length - start;
      }
      // Stable blocks are carried over, never rewritten.
      if (previous) expect(state.stable.slice(0, previous.stable.length)).toEqual(previous.stable);
      if (previous && state.stableLength === previous.stableLength) expect(state).toBe(previous);
      previous = state;
    }
    expect(lex).toHaveBeenCalledTimes(DOC.length);
    // Far less than re-lexing every prefix; at the end only the open tail.
    expect(lexed).toBeLessThan(relexAll / 3);
    expect(lex).toHaveBeenLastCalledWith(DOC.slice(DOC.indexOf('Setext')), expect.anything());
  });

  it('starts over when the text does not extend the previous one', () => {
    const first = splitIntoBlocks('# Title\n\nOne\n\nTwo\n\nThree');
    expect(first.state.stable.length).toBeGreaterThan(0);
    const lex = vi.spyOn(Lexer, 'lex');
    const retry = '# Other\n\nText';
    const next = splitIntoBlocks(retry, first.state);
    expect(lex).toHaveBeenCalledWith(retry, expect.anything());
    expect(next.blocks).toEqual(splitIntoBlocks(retry).blocks);
    expect(next.blocks.join('')).toBe(retry);
  });

  it('normalises CRLF so blocks join back to the text', () => {
    const { blocks } = splitIntoBlocks('a\r\n\r\n- b\r\n- c');
    expect(blocks.join('')).toBe('a\n\n- b\n- c');
  });

  it('keeps a trailing partial line verbatim', () => {
    // marked reports the raw of a trailing "2. " as "2.\n".
    expect(splitIntoBlocks('1. a\n2. ').blocks.join('')).toBe('1. a\n2. ');
  });

  it('returns no blocks for empty text', () => {
    expect(splitIntoBlocks('')).toEqual({ state: { stable: [], stableLength: 0 }, blocks: [] });
  });
});

describe('extendLastLine', () => {
  const lineArb = fc.oneof(
    fc.constantFrom('# Heading', '- item', '1. first', '> quote', '```js', '```', '| a | b |', '|---|---|', '', '    code', '<div>', '***', 'Setext', '==='),
    fc
      .array(fc.constantFrom('word', 'Otters', '**bold**', '`code`', '[link](u)', '|', '<b>', '#', '1.', '-', '==', '*'), { minLength: 1, maxLength: 40 })
      .map((words) => words.join(' ')),
    // long plain lines, the case the shortcut is for (with whatever inline marks inside)
    fc
      .array(fc.constantFrom('word', 'rivers', '**bold**', '`code`', '[link](u)', '|', '<b>', '#', '1.', '-', '*', '_x_'), { minLength: 20, maxLength: 40 })
      .map((words) => `Otters ${words.join(' ')}`),
  );
  const docArb = fc.array(lineArb, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));

  it('whenever it answers, it answers what lexing the whole text does', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        docArb,
        fc.oneof(fc.constant(-1), fc.nat()),
        fc.array(fc.constantFrom('more', ' ', 'words', '**', '`', '|', '#', '.', '-', '<i>'), { minLength: 1, maxLength: 8 }),
        (doc, cut, tail) => {
          const previousText = cut === -1 ? doc : doc.slice(0, cut % (doc.length + 1));
          const previous = splitIntoBlocks(previousText).blocks;
          const text = previousText + tail.join('');
          const extended = extendLastLine(previousText, previous, text);
          if (extended === null) return;
          answered++;
          expect(extended).toEqual(splitIntoBlocks(text).blocks);
        },
      ),
      { numRuns: 1500 },
    );
    expect(answered).toBeGreaterThan(50);
  });

  it('a long one-line paragraph grows without being lexed; a new line or another kind of block is left to splitIntoBlocks', () => {
    const para = 'Otters hold hands while they sleep. '.repeat(10);
    const blocks = splitIntoBlocks(`# Title\n\n${para}`).blocks;
    expect(extendLastLine(`# Title\n\n${para}`, blocks, `# Title\n\n${para}more`)).toEqual([...blocks.slice(0, -1), `${para}more`]);
    expect(extendLastLine(`# Title\n\n${para}`, blocks, `# Title\n\n${para}\nmore`)).toBeNull();
    const list = `- ${para}`;
    expect(extendLastLine(list, splitIntoBlocks(list).blocks, `${list}more`)).toBeNull();
  });
});
