import { Lexer, type MarkedOptions, type Token } from 'marked';

/**
 * Incremental split of streaming Markdown into top-level blocks.
 *
 * `stable` holds the raw text of blocks that can no longer change however the
 * text grows; they are never lexed again while the text keeps extending.
 */
export interface BlockState {
  stable: string[];
  /** Length of `stable.join('')`, i.e. where lexing resumes. */
  stableLength: number;
}

const EMPTY: BlockState = { stable: [], stableLength: 0 };

// A fresh options object per call: the Lexer stores its tokenizer on the options
// it is given, and a shared object must not leak state between lexes. Explicit
// options also keep us independent of any global `marked.use()`.
const lexerOptions = (): MarkedOptions => ({ gfm: true, breaks: false, pedantic: false });

/**
 * How many leading tokens are final.
 *
 * A block ends where the first line of whatever follows it is judged not to
 * continue it, so a block is final only once a *complete* line after it exists.
 * Blank lines are not enough: `1. a\n\n2` lexes as list, space, paragraph, yet
 * `1. a\n\n2. b` is one list. So the last two non-space tokens stay open, plus
 * everything after the first of them: the first open token then has a
 * successor, hence a completed first line, and the blocks before it are final.
 */
function finalTokenCount(tokens: Token[]): number {
  let seen = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].type !== 'space' && ++seen === 2) return i;
  }
  return 0;
}

export function splitIntoBlocks(input: string, previous?: BlockState): { state: BlockState; blocks: string[] } {
  // marked normalises line endings while lexing; do it first so that the raw
  // blocks join back to exactly `text` and offsets stay comparable.
  const text = input.replace(/\r\n?/g, '\n');
  const base = previous && extendsStable(text, previous) ? previous : EMPTY;
  const rest = text.slice(base.stableLength);
  const tokens = rest ? Lexer.lex(rest, lexerOptions()) : [];
  const { blocks: tail, verbatim } = sourceBlocks(rest, tokens);

  const final = tail.slice(0, Math.min(finalTokenCount(tokens), verbatim));
  const state: BlockState = final.length > 0 ? { stable: [...base.stable, ...final], stableLength: base.stableLength + final.join('').length } : base;
  return { state, blocks: [...base.stable, ...tail] };
}

/**
 * Cuts `src` at the token boundaries. marked's raw is verbatim except at the
 * very end (e.g. a trailing "2. " comes back as "2.\n"), so the walk stops at
 * the first non-verbatim token and the source remainder becomes the last
 * block: the blocks always join back to `src`.
 */
function sourceBlocks(src: string, tokens: Token[]): { blocks: string[]; verbatim: number } {
  const blocks: string[] = [];
  let offset = 0;
  for (const { raw } of tokens) {
    if (!raw || !src.startsWith(raw, offset)) break;
    blocks.push(raw);
    offset += raw.length;
  }
  const verbatim = blocks.length;
  if (offset < src.length) blocks.push(src.slice(offset));
  return { blocks, verbatim };
}

/** True when `text` still starts with the blocks already declared final. */
function extendsStable(text: string, state: BlockState): boolean {
  if (text.length < state.stableLength) return false;
  let offset = 0;
  for (const block of state.stable) {
    if (!text.startsWith(block, offset)) return false;
    offset += block.length;
  }
  return offset === state.stableLength;
}

/** The shortest last line worth the shortcut below (short ones are lexed in no time). */
const EXTEND_MIN_CHARS = 80;
const PLAIN_LINE_START = /^\p{L}/u;

/**
 * The blocks of `text` when it is `previousText` with more of its last line: a last block that is
 * one line of paragraph starting with a letter stays that paragraph however much is added to the
 * line (a new block needs a new line), so it just grows, without lexing the paragraph again.
 * Null when that is not the case; then splitIntoBlocks says.
 */
export function extendLastLine(previousText: string, previousBlocks: readonly string[], text: string): string[] | null {
  const last = previousBlocks.at(-1);
  if (last === undefined || last.length < EXTEND_MIN_CHARS || text.length <= previousText.length || !text.startsWith(previousText)) return null;
  const added = text.slice(previousText.length);
  if (/[\r\n]/.test(added) || last.includes('\n') || last.includes('\r') || !PLAIN_LINE_START.test(last)) return null;
  return [...previousBlocks.slice(0, -1), last + added];
}
