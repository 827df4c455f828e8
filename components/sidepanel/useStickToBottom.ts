import { useEffect, type RefObject } from 'react';

/** How close to the bottom (px) counts as "reading the end": new text then keeps it in view. */
const STICK_THRESHOLD = 48;

/**
 * Keeps the end of `content` in view inside `scroller` while it grows, unless the user scrolled up
 * to read, without reading any geometry while the page may have changed (a scroll listener reading
 * `scrollHeight` forced a layout of the panel whenever a streamed update had landed since the last
 * frame):
 * - whether the reader is at the end comes from an IntersectionObserver on `end` (an empty element
 *   after the content, "in view" within the threshold), computed by the browser with each frame's
 *   own layout;
 * - the user's own scrolling (wheel, touch, keys, the scrollbar) stops the following at once and
 *   asks the observer again, so a streamed update landing in the same frame cannot pull the view
 *   back down before the observer has seen the new position;
 * - the scroll to the end happens in a ResizeObserver callback, which runs after that frame's
 *   layout, so reading `scrollHeight` there forces none.
 */
export function useStickToBottom(scroller: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>, end: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const outer = scroller.current;
    const inner = content.current;
    const sentinel = end.current;
    if (!outer || !inner || !sentinel) return;
    let atBottom = true;
    // Without IntersectionObserver (tests), every growth scrolls to the end.
    const where =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver(
            (entries) => {
              atBottom = entries[entries.length - 1].isIntersecting;
            },
            { root: outer, rootMargin: `0px 0px ${STICK_THRESHOLD}px 0px` },
          );
    where?.observe(sentinel);
    const onUserScroll = () => {
      if (!where) return;
      atBottom = false;
      // observing again reports the current state with the next frame, even if it did not change
      where.unobserve(sentinel);
      where.observe(sentinel);
    };
    // Its first callback (on observing) scrolls to the end as the panel opens.
    const growth = new ResizeObserver(() => {
      if (atBottom) outer.scrollTop = outer.scrollHeight;
    });
    growth.observe(inner);
    const inputs = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const;
    for (const type of inputs) outer.addEventListener(type, onUserScroll, { passive: true });
    return () => {
      growth.disconnect();
      where?.disconnect();
      for (const type of inputs) outer.removeEventListener(type, onUserScroll);
    };
  }, [scroller, content, end]);
}
