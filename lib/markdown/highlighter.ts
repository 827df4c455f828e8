import type { HLJSApi } from 'highlight.js';

/**
 * The syntax highlighter, loaded on first need. Until it is there (and for the block that is still
 * streaming) code renders plain; subscribers re-render once it has loaded.
 */
let loaded: HLJSApi | undefined;
let loading: Promise<HLJSApi | undefined> | undefined;
const listeners = new Set<() => void>();

export function getHighlighter(): HLJSApi | undefined {
  return loaded;
}

export function loadHighlighter(): Promise<HLJSApi | undefined> {
  loading ??= import('./highlightLanguages').then(
    ({ highlighter }) => {
      loaded = highlighter;
      for (const listener of listeners) listener();
      return highlighter;
    },
    () => {
      // Code stays plain; a later render may try again.
      loading = undefined;
      return undefined;
    },
  );
  return loading;
}

export function subscribeHighlighter(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
