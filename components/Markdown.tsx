import { memo, useMemo, useRef } from 'react';
import { splitIntoBlocks, type BlockState } from '../lib/markdown/markdownBlocks';
import { renderBlockHtml } from '../lib/markdown/sanitizeHtml';

/** One top-level block; re-rendered (and re-sanitised) only when its source changes. */
const MarkdownBlock = memo(
  function MarkdownBlock({ raw }: { raw: string }) {
    // Safe by construction: renderBlockHtml sanitises with DOMPurify.
    return <div className="markdown-block" dangerouslySetInnerHTML={{ __html: renderBlockHtml(raw) }} />;
  },
  (prev, next) => prev.raw === next.raw,
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
  const blocks = useMemo(() => {
    /* eslint-disable react-hooks/refs -- the cache above, read and written while rendering on purpose */
    const { state, blocks } = splitIntoBlocks(text, blockState.current ?? closestState(text));
    blockState.current = state;
    /* eslint-enable react-hooks/refs */
    remember(state);
    return blocks;
  }, [text]);

  return (
    <div className="markdown">
      {blocks.map((raw, i) => (
        <MarkdownBlock key={i} raw={raw} />
      ))}
      {/* Visible without CSS; the stylesheet adds the blink animation. */}
      {streaming && (
        <span className="markdown-caret" aria-hidden="true">
          ▍
        </span>
      )}
    </div>
  );
}
