// The growing last block of a streaming answer, cut into parts so that only its newest part is
// rendered, sanitised and laid out on each update: a model that writes one long paragraph would
// otherwise have the whole paragraph redone every 200 ms (bench/panelMainThread.mjs, the paced case:
// Layout ~90 ms for a 44,000-character paragraph). A paragraph too long to lay out at once keeps
// its parts when finished (components/Markdown.tsx, LONG_BLOCK_CHARS); others are drawn whole then.

/** A part is cut at the first sentence end after this many characters. */
export const LIVE_PART_CHARS = 2000;

/** A block that may be cut: one line of plain paragraph text (no list, heading, quote, table, code, HTML). */
const PLAIN_START = /^[\p{L}\p{N}"'“‘(]/u;
const LIST_START = /^\d+[.)]\s/;
/** A sentence end: Latin punctuation and a space, or the CJK full stops (no space follows them). */
const SENTENCE_END = /[.!?] |[。！？]/g;

function count(text: string, token: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf(token, from); at !== -1 && at + token.length <= to; at = text.indexOf(token, at + token.length)) n++;
  return n;
}

/** True when no inline construct (code span, strong emphasis, link text) is open at `to`, counted from `from`. */
function closed(text: string, from: number, to: number): boolean {
  return (
    count(text, '`', from, to) % 2 === 0 &&
    count(text, '**', from, to) % 2 === 0 &&
    count(text, '__', from, to) % 2 === 0 &&
    count(text, '[', from, to) === count(text, ']', from, to)
  );
}

/**
 * Where the part starting at `start` ends, or -1 while that is not known yet. The cut goes after
 * the first sentence end between `partChars` and twice that; a text with none there (a list of
 * words, a run-on line) is cut at the window's last space, and CJK text without either at the
 * window's end. Only the text up to the window's end decides, so a cut never moves as the text grows.
 */
function cutAfter(raw: string, start: number, partChars: number): number {
  const from = start + partChars;
  const to = start + 2 * partChars;
  // Searched in the window only (and the space after its last character): searched in `raw`, a
  // text with no sentence end would be scanned to its end for every part.
  const window = raw.slice(from, to + 1);
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(window); match; match = SENTENCE_END.exec(window)) {
    if (from + match.index >= to) break;
    const cut = from + match.index + 1;
    if (closed(raw, start, cut)) return cut;
  }
  if (raw.length <= to) return -1;
  for (let at = raw.lastIndexOf(' ', to - 1); at >= from; at = raw.lastIndexOf(' ', at - 1)) {
    if (closed(raw, start, at + 1)) return at + 1;
  }
  return closed(raw, start, to) ? to : -1;
}

/**
 * The block cut into parts that join back to it. Cuts depend only on the text before them, so as
 * the block grows its earlier parts stay the same strings (and keep their DOM).
 */
export function liveBlockParts(raw: string, partChars = LIVE_PART_CHARS): string[] {
  if (raw.length <= partChars || !PLAIN_START.test(raw) || LIST_START.test(raw) || raw.trimEnd().includes('\n')) return [raw];
  // The block grown since the last call keeps that call's cuts (they depend only on the text before
  // them): only the text after the last one is looked at again.
  const cuts = previous && previous.partChars === partChars && raw.startsWith(previous.raw) ? [...previous.cuts] : [];
  for (let cut = cutAfter(raw, cuts.at(-1) ?? 0, partChars); cut !== -1; cut = cutAfter(raw, cut, partChars)) cuts.push(cut);
  previous = { raw, partChars, cuts };
  const parts: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(raw.slice(start, cut));
    start = cut;
  }
  parts.push(raw.slice(start));
  return parts;
}

/** The last block cut, and where (a single entry: the streaming answer calls again with its block grown). */
let previous: { raw: string; partChars: number; cuts: number[] } | null = null;
