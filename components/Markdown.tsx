import type { HLJSApi } from 'highlight.js';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactElement, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { COPY_CODE_LABEL } from '../lib/markdown/decorateBlock';
import { getHighlighter, loadHighlighter, subscribeHighlighter } from '../lib/markdown/highlighter';
import { LIVE_PART_CHARS, liveBlockParts } from '../lib/markdown/liveBlockParts';
import { extendLastLine, splitIntoBlocks, type BlockState } from '../lib/markdown/markdownBlocks';
import { renderBlockHtml } from '../lib/markdown/sanitizeHtml';
import { estimatedTextHeight, groupKey, rememberedGroupHeight, rememberGroupEstimate, rememberGroupHeight } from './groupHeights';
import { inSlices } from './renderSlices';

/**
 * The highlighter for a block that wants it: at once if it has loaded, otherwise once it arrives,
 * each block in a slice of its own (components/renderSlices.ts): the highlighter arriving for every
 * code block on screen re-renders them one after another, not all in one task.
 */
function useHighlighter(wanted: boolean): HLJSApi | undefined {
  const [highlighter, setHighlighter] = useState(getHighlighter);
  useEffect(() => {
    if (!wanted || highlighter) return;
    let cancel = () => {};
    const upgrade = () => {
      cancel();
      cancel = inSlices(() => flushSync(() => setHighlighter(getHighlighter())));
    };
    const unsubscribe = subscribeHighlighter(upgrade);
    if (getHighlighter()) upgrade(); // it arrived between the render and this effect
    return () => {
      unsubscribe();
      cancel();
    };
  }, [wanted, highlighter]);
  return wanted ? highlighter : undefined;
}

/** One top-level block; re-rendered (and re-sanitised) only when its source or highlighting changes. */
const MarkdownBlock = memo(
  function MarkdownBlock({ raw, highlight, part, live }: { raw: string; highlight: boolean; part?: boolean; live?: boolean }) {
    const highlighter = useHighlighter(highlight);
    // The growing block is marked by a class, not found by `:last-of-type`: a structural
    // pseudo-class makes the browser restyle every sibling block whenever one is appended.
    const className = `markdown-block${part ? ' markdown-block-part' : ''}${live ? ' markdown-block-live' : ''}`;
    // Safe by construction: renderBlockHtml sanitises with DOMPurify. A block that stops growing
    // only changes its class: its HTML is not rendered again.
    const html = useMemo(() => renderBlockHtml(raw, highlighter), [raw, highlighter]);
    return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  },
  (prev, next) => prev.raw === next.raw && prev.highlight === next.highlight && prev.part === next.part && prev.live === next.live,
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

/** Fenced code, the only kind with a language to highlight. */
export const hasFencedCode = (raw: string): boolean => raw.includes('```') || raw.includes('~~~');

/** The element the caret goes into: the last one at the end of the text, however deep. */
function caretHost(block: Element): Element {
  let host = block;
  for (;;) {
    let last = host.lastChild;
    while (last && last.nodeType === Node.TEXT_NODE && !last.textContent?.trim()) last = last.previousSibling;
    if (!(last instanceof Element) || last.matches('br, hr')) return host;
    host = last;
  }
}

function codeText(button: Element): string | undefined {
  const code = button.closest('.code-block')?.querySelector('pre');
  if (!code) return undefined;
  const copy = code.cloneNode(true) as Element;
  for (const caret of copy.querySelectorAll('.markdown-caret')) caret.remove();
  return copy.textContent?.replace(/\n$/, '');
}

function copyCode(event: MouseEvent<HTMLDivElement>) {
  const button = event.target instanceof Element ? event.target.closest('button.code-copy') : null;
  if (!button || !event.currentTarget.contains(button)) return;
  const text = codeText(button);
  if (text === undefined) return;
  const show = (label: string) => {
    button.textContent = label;
    setTimeout(() => (button.textContent = COPY_CODE_LABEL), 1500);
  };
  navigator.clipboard.writeText(text).then(
    () => show('Copied'),
    () => show('Copy failed'),
  );
}

/**
 * Renders untrusted, possibly still streaming Markdown. Finished blocks keep
 * their DOM; a streaming update only re-renders the growing last block.
 * Code in finished blocks is highlighted once the highlighter has loaded (it is
 * loaded on first need; blocks shown before it arrived are highlighted one per slice of
 * work); the growing block stays plain, so streaming stays cheap.
 */
export function Markdown({ text, streaming }: { text: string; streaming?: boolean }) {
  // A cache, not state: splitIntoBlocks checks that `text` extends it and
  // starts over otherwise, so a render that React discards cannot corrupt it.
  const blockState = useRef<BlockState | undefined>(undefined);
  const lastSplit = useRef<{ text: string; blocks: string[] } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const settledPartsByIndex = useRef(new Map<number, { raw: string; parts: string[] }>());
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
  const finishedCount = streaming ? blocks.length - 1 : blocks.length;
  // Code blocks subscribe to the highlighter themselves (useHighlighter): this one only loads it.
  const needsHighlighter = !getHighlighter() && blocks.slice(0, finishedCount).some(hasFencedCode);

  useEffect(() => {
    if (needsHighlighter) void loadHighlighter();
  }, [needsHighlighter]);

  // The caret sits inline at the end of the text, inside the last block's last element. Added to
  // the DOM after each render (the block's HTML may have been replaced) and removed before the next.
  useLayoutEffect(() => {
    const last = streaming ? container.current?.lastElementChild : null;
    if (!last) return;
    const caret = document.createElement('span');
    caret.className = 'markdown-caret';
    caret.setAttribute('aria-hidden', 'true');
    caret.textContent = '▍'; // visible without CSS; the stylesheet adds the blink animation
    caretHost(last).append(caret);
    return () => caret.remove();
  });

  // A long plain paragraph is drawn as parts (lib/markdown/liveBlockParts.ts): while it grows, so
  // that only its newest part changes; and for good once it is longer than LONG_BLOCK_CHARS, so
  // that it is never laid out (or lexed) whole: finished, it keeps the parts it streamed as, with
  // their HTML and their heights. A shorter one is drawn whole once it stops growing.
  const lastIndex = blocks.length - 1;
  // A finished long block's parts, cut once: liveBlockParts remembers only the growing block.
  const settledParts = (raw: string, i: number): string[] => {
    const known = settledPartsByIndex.current.get(i);
    if (known?.raw === raw) return known.parts;
    const parts = liveBlockParts(raw);
    settledPartsByIndex.current.set(i, { raw, parts });
    return parts;
  };
  const items: ReactElement[] = [];
  const sources: string[] = [];
  /* eslint-disable react-hooks/refs -- `blocks` comes from the memo above, whose ref is a parse cache, not render state */
  blocks.forEach((raw, i) => {
    const growing = Boolean(streaming) && i === lastIndex;
    const parts = growing ? liveBlockParts(raw) : raw.length > LONG_BLOCK_CHARS ? settledParts(raw, i) : [raw];
    if (parts.length === 1) {
      sources.push(raw);
      items.push(<MarkdownBlock key={i} raw={raw} highlight={i < finishedCount && hasFencedCode(raw)} live={growing} />);
      return;
    }
    parts.forEach((part, j) => {
      sources.push(part);
      items.push(<MarkdownBlock key={`${i}.${j}`} raw={part} highlight={false} part live={growing && j === parts.length - 1} />);
    });
  });
  /* eslint-enable react-hooks/refs */
  const starts = groupStarts(sources);
  const keys = groupKeys(sources, starts);
  useGroupHeightRecorder(container, keys, Boolean(streaming), (g) => estimatedTextHeight(sources.slice(starts[g], starts[g + 1]).join('')));

  return (
    // Clicks come from the Copy code buttons inside the blocks; they are real buttons, so the
    // keyboard reaches them and Enter or Space clicks them.
    <div className="markdown" ref={container} onClick={copyCode}>
      {blockGroups(items, starts, streaming ? null : keys)}
    </div>
  );
}

function groupKeys(sources: readonly string[], starts: readonly number[]): string[] {
  return starts.map((start, g) => groupKey(sources.slice(start, starts[g + 1] ?? sources.length)));
}

/**
 * While streaming, remembers each group's height as the browser lays it out (a ResizeObserver:
 * no layout is forced), under the key of what the group shows (components/groupHeights.ts).
 */
function useGroupHeightRecorder(container: RefObject<HTMLDivElement | null>, keys: string[], active: boolean, estimateOf: (group: number) => number) {
  const observer = useRef<ResizeObserver | null>(null);
  const keyOf = useRef(new WeakMap<Element, string>());
  const heightOf = useRef(new WeakMap<Element, number>());
  useEffect(() => () => observer.current?.disconnect(), []);
  useLayoutEffect(() => {
    const root = container.current;
    if (!active || !root || typeof ResizeObserver === 'undefined') return;
    observer.current ??= new ResizeObserver((entries) => {
      for (const entry of entries) {
        const key = keyOf.current.get(entry.target);
        const px = entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height;
        if (!key || !(px > 0)) continue;
        heightOf.current.set(entry.target, px);
        rememberGroupHeight(key, px);
      }
    });
    Array.from(root.children).forEach((group, i) => {
      const key = keys[i];
      if (!key || keyOf.current.get(group) === key) return;
      if (!keyOf.current.has(group)) observer.current!.observe(group);
      keyOf.current.set(group, key);
      // New content of the same height brings no resize: it keeps the height it had.
      const px = heightOf.current.get(group);
      if (px !== undefined) rememberGroupHeight(key, px);
      else rememberGroupEstimate(key, estimateOf(i));
    });
  });
}

/** A plain paragraph longer than this is drawn as its parts even when finished (see Markdown). */
export const LONG_BLOCK_CHARS = 4 * LIVE_PART_CHARS;

/** Blocks per `.markdown-group` at most (see groupStarts). */
export const BLOCKS_PER_GROUP = 16;
/** A group takes no further block once its blocks hold this many characters (see groupStarts). */
export const GROUP_CHARS = 6000;

/**
 * Where each group of blocks starts: a new group after BLOCKS_PER_GROUP blocks, or once the group
 * holds GROUP_CHARS characters (the parts of a long paragraph are 2,000–4,000 each: 16 of them
 * in one group made a group that was laid out whole, ~40 ms, when a finished answer showed it).
 * Where a group starts depends only on the blocks before it, so a growing answer only ever adds
 * to its last group.
 */
export function groupStarts(sources: readonly string[]): number[] {
  const starts: number[] = [];
  let count = BLOCKS_PER_GROUP;
  let chars = 0;
  sources.forEach((raw, i) => {
    if (count >= BLOCKS_PER_GROUP || chars >= GROUP_CHARS) {
      starts.push(i);
      count = 0;
      chars = 0;
    }
    count += 1;
    chars += raw.length;
  });
  return starts;
}

/**
 * The blocks in their groups (groupStarts), each group one `content-visibility: auto` box (the
 * stylesheet): out of view a group is neither laid out nor painted, and the browser tracks the
 * visibility of one box per group instead of one per block on every frame (a 130-block answer:
 * ~2 ms of intersection work per streaming update).
 */
function blockGroups(items: ReactElement[], starts: readonly number[], sizedBy: string[] | null): ReactElement[] {
  return starts.map((start, g) => {
    // A finished answer's group whose height is known (shown while streaming) gets it: see groupHeights.ts.
    const px = sizedBy ? rememberedGroupHeight(sizedBy[g]) : undefined;
    return (
      <div
        key={start}
        className={px === undefined ? 'markdown-group' : 'markdown-group markdown-group-sized'}
        style={px === undefined ? undefined : { containIntrinsicBlockSize: `auto ${px}px` }}
      >
        {items.slice(start, starts[g + 1] ?? items.length)}
      </div>
    );
  });
}
