import { memo, useMemo, useRef } from 'react';
import { liveBlockParts } from '../lib/markdown/liveBlockParts';
import { extendLastLine, splitIntoBlocks, type BlockState } from '../lib/markdown/markdownBlocks';
import { renderBlockHtml } from '../lib/markdown/sanitizeHtml';

/** One top-level block; re-rendered (and re-sanitised) only when its source changes. */
const MarkdownBlock = memo(
  function MarkdownBlock({ raw, part }: { raw: string; part?: boolean }) {
    // Safe by construction: renderBlockHtml sanitises with DOMPurify.
    return <div className={part ? 'markdown-block markdown-block-part' : 'markdown-block'} dangerouslySetInnerHTML={{ __html: renderBlockHtml(raw) }} />;
  },
  (prev, next) => prev.raw === next.raw && prev.part === next.part,
);

/**
 * Block states of recently rendered texts: a finished answer mounts a new Markdown with the same
 * text as the streaming one it replaces, and starts from its state instead of lexing it all again.
 */
const recentStates: BlockState[] = [];
const RECENT_STATES = 8;

function closestState(text: string): BlockState | undefined {
  let best: BlockState | undefined;
  for (const state of recentStates) {
    if (state.stableLength <= (best?.stableLength ?? 0) || state.stableLength > text.length) continue;
    if (text.startsWith(state.stable.join(''))) best = state;
  }
  return best;
}

function remember(state: BlockState) {
  recentStates.push(state);
  if (recentStates.length > RECENT_STATES) recentStates.shift();
}

/**
 * Renders untrusted, possibly still streaming Markdown. Finished blocks keep
 * their DOM; a streaming update only re-renders the growing last block.
 */
export function Markdown({ text, streaming }: { text: string; streaming?: boolean }) {
  // A cache, not state: splitIntoBlocks checks that `text` extends it and
  // starts over otherwise, so a render that React discards cannot corrupt it.
  const blockState = useRef<BlockState | undefined>(undefined);
  const lastSplit = useRef<{ text: string; blocks: string[] } | null>(null);
  const blocks = useMemo(() => {
    /* eslint-disable react-hooks/refs -- the caches above, read and written while rendering on purpose */
    // A long last line that only grew needs no lexing (its block stays what it was).
    const grown = lastSplit.current && extendLastLine(lastSplit.current.text, lastSplit.current.blocks, text);
    if (grown) {
      lastSplit.current = { text, blocks: grown };
      return grown;
    }
    const { state, blocks } = splitIntoBlocks(text, blockState.current ?? closestState(text));
    blockState.current = state;
    lastSplit.current = { text, blocks };
    /* eslint-enable react-hooks/refs */
    remember(state);
    return blocks;
  }, [text]);

  // While streaming, a long growing last block is drawn as parts: only the newest one changes.
  const liveParts = streaming && blocks.length ? liveBlockParts(blocks[blocks.length - 1]) : null;
  const settled = liveParts && liveParts.length > 1 ? blocks.slice(0, -1) : blocks;

  return (
    <div className="markdown">
      {settled.map((raw, i) => (
        <MarkdownBlock key={i} raw={raw} />
      ))}
      {liveParts && liveParts.length > 1 && liveParts.map((raw, j) => <MarkdownBlock key={`live-${settled.length}-${j}`} raw={raw} part />)}
      {/* Visible without CSS; the stylesheet adds the blink animation. */}
      {streaming && (
        <span className="markdown-caret" aria-hidden="true">
          ▍
        </span>
      )}
    </div>
  );
}
