import type { HLJSApi } from 'highlight.js';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactElement, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { COPY_CODE_LABEL } from '../lib/markdown/decorateBlock';
import { getHighlighter, loadHighlighter, subscribeHighlighter } from '../lib/markdown/highlighter';
import { liveBlockParts } from '../lib/markdown/liveBlockParts';
import { extendLastLine, splitIntoBlocks, type BlockState } from '../lib/markdown/markdownBlocks';
import { renderBlockHtml } from '../lib/markdown/sanitizeHtml';
import { groupKey, rememberedGroupHeight, rememberGroupHeight } from './groupHeights';
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

  // While streaming, a long growing last block (a plain paragraph) is drawn as parts: only the newest one changes.
  const split = streaming && blocks.length ? liveBlockParts(blocks[blocks.length - 1]) : null;
  const liveParts = split && split.length > 1 ? split : null;
  const settled = liveParts ? blocks.slice(0, -1) : blocks;

  /* eslint-disable react-hooks/refs -- `blocks` comes from the memo above, whose ref is a parse cache, not render state */
  const items = settled.map((raw, i) => (
    <MarkdownBlock key={i} raw={raw} highlight={i < finishedCount && hasFencedCode(raw)} live={streaming && !liveParts && i === settled.length - 1} />
  ));
  const sources = liveParts ? [...settled, ...liveParts] : settled;
  /* eslint-enable react-hooks/refs */
  if (liveParts) {
    liveParts.forEach((raw, j) =>
      items.push(<MarkdownBlock key={`live-${settled.length}-${j}`} raw={raw} highlight={false} part live={j === liveParts.length - 1} />),
    );
  }
  const keys = groupKeys(sources);
  useGroupHeightRecorder(container, keys, Boolean(streaming));

  return (
    // Clicks come from the Copy code buttons inside the blocks; they are real buttons, so the
    // keyboard reaches them and Enter or Space clicks them.
    <div className="markdown" ref={container} onClick={copyCode}>
      {blockGroups(items, streaming ? null : keys)}
    </div>
  );
}

function groupKeys(sources: readonly string[]): string[] {
  const keys: string[] = [];
  for (let start = 0; start < sources.length; start += BLOCKS_PER_GROUP) keys.push(groupKey(sources.slice(start, start + BLOCKS_PER_GROUP)));
  return keys;
}

/**
 * While streaming, remembers each group's height as the browser lays it out (a ResizeObserver:
 * no layout is forced), under the key of what the group shows (components/groupHeights.ts).
 */
function useGroupHeightRecorder(container: RefObject<HTMLDivElement | null>, keys: string[], active: boolean) {
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
    });
  });
}

/** Blocks per `.markdown-group` (see blockGroups). */
export const BLOCKS_PER_GROUP = 16;

/**
 * The blocks in groups of BLOCKS_PER_GROUP, each group one `content-visibility: auto` box (the
 * stylesheet): out of view a group is neither laid out nor painted, and the browser tracks the
 * visibility of one box per 16 blocks instead of one per block on every frame (a 130-block answer:
 * ~2 ms of intersection work per streaming update). A block's group depends only on its index, so
 * a growing answer only ever adds to its last group.
 */
function blockGroups(items: ReactElement[], sizedBy: string[] | null): ReactElement[] {
  const groups: ReactElement[] = [];
  for (let start = 0; start < items.length; start += BLOCKS_PER_GROUP) {
    // A finished answer's group whose height is known (shown while streaming) gets it: see groupHeights.ts.
    const px = sizedBy ? rememberedGroupHeight(sizedBy[start / BLOCKS_PER_GROUP]) : undefined;
    groups.push(
      <div
        key={start}
        className={px === undefined ? 'markdown-group' : 'markdown-group markdown-group-sized'}
        style={px === undefined ? undefined : { containIntrinsicBlockSize: `auto ${px}px` }}
      >
        {items.slice(start, start + BLOCKS_PER_GROUP)}
      </div>,
    );
  }
  return groups;
}
