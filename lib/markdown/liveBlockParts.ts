// The growing last block of a streaming answer, cut into parts so that only its newest part is
// rendered, sanitised and laid out on each update: a model that writes one long paragraph would
// otherwise have the whole paragraph redone every 200 ms (bench/panelMainThread.mjs, the paced case:
// Layout ~90 ms for a 44,000-character paragraph). Only while streaming: a finished answer renders
// its blocks whole.

/** A part is cut at the first sentence end after this many characters. */
export const LIVE_PART_CHARS = 2000;

/** A block that may be cut: one line of plain paragraph text (no list, heading, quote, table, code, HTML). */
const PLAIN_START = /^[\p{L}\p{N}"'“‘(]/u;
const LIST_START = /^\d+[.)]\s/;

const count = (text: string, token: string) => text.split(token).length - 1;

/** True when no inline construct (code span, strong emphasis, link text) is open at the end of `text`. */
function closed(text: string): boolean {
  return count(text, '`') % 2 === 0 && count(text, '**') % 2 === 0 && count(text, '__') % 2 === 0 && count(text, '[') === count(text, ']');
}

/**
 * The block cut into parts that join back to it. Cuts depend only on the text before them, so as
 * the block grows its earlier parts stay the same strings (and keep their DOM).
 */
export function liveBlockParts(raw: string, partChars = LIVE_PART_CHARS): string[] {
  if (raw.length <= partChars || !PLAIN_START.test(raw) || LIST_START.test(raw) || raw.trimEnd().includes('\n')) return [raw];
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    let cut = -1;
    for (let at = raw.indexOf('. ', start + partChars); at !== -1; at = raw.indexOf('. ', at + 2)) {
      if (closed(raw.slice(start, at + 1))) {
        cut = at + 1;
        break;
      }
    }
    if (cut === -1) break;
    parts.push(raw.slice(start, cut));
    start = cut;
  }
  parts.push(raw.slice(start));
  return parts;
}
