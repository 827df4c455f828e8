import { createContext } from 'react';

/**
 * Tells elements when they come near the visible part of their scroll container: one shared
 * IntersectionObserver for a whole list instead of one per item. Items may ask before the list has
 * attached it to its scroll container (children's effects run before their parent's): they wait.
 */
export interface NearViewport {
  /** Calls `onNear` once, the first time `element` is within the margin; returns an unsubscribe. */
  observe(element: Element, onNear: () => void): () => void;
}

export class NearViewportObserver implements NearViewport {
  private readonly waiting = new Map<Element, () => void>();
  private observer: IntersectionObserver | undefined;
  /** Attached where IntersectionObserver does not exist: everything is near at once. */
  private everythingNear = false;

  constructor(private readonly margin: string) {}

  /** Starts observing within `root` (null: the viewport). Without IntersectionObserver everything is near. */
  attach(root: Element | null): void {
    if (typeof IntersectionObserver === 'undefined') {
      this.everythingNear = true;
      const callbacks = [...this.waiting.values()];
      this.waiting.clear();
      callbacks.forEach((onNear) => onNear());
      return;
    }
    this.observer = new IntersectionObserver((entries) => this.onEntries(entries), { root, rootMargin: this.margin });
    for (const element of this.waiting.keys()) this.observer.observe(element);
  }

  detach(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.everythingNear = false;
  }

  observe(element: Element, onNear: () => void): () => void {
    if (this.everythingNear) {
      onNear();
      return () => undefined;
    }
    this.waiting.set(element, onNear);
    this.observer?.observe(element);
    return () => {
      this.waiting.delete(element);
      this.observer?.unobserve(element);
    };
  }

  private onEntries(entries: IntersectionObserverEntry[]) {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const onNear = this.waiting.get(entry.target);
      this.waiting.delete(entry.target);
      this.observer?.unobserve(entry.target);
      onNear?.();
    }
  }
}

/** The nearest ancestor that scrolls vertically, the root to observe within (null: the viewport). */
export function scrollContainerOf(element: Element): Element | null {
  for (let el = element.parentElement; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el);
    if (overflowY === 'auto' || overflowY === 'scroll') return el;
  }
  return null;
}

/** Set around a list item whose Markdown may wait until it is near the viewport; null renders at once. */
export const NearViewportContext = createContext<NearViewport | null>(null);
