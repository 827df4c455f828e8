// Shared by the content script (kept free of zod and everything else heavy) and the background.

export const PAGE_CONTEXT_MESSAGE = 'flowbar/page-context';

/** Longer selections are cut here, in the content script. */
export const MAX_SELECTION_CHARS = 500_000;

export interface PageContextMessage {
  type: typeof PAGE_CONTEXT_MESSAGE;
  title: string;
  url: string;
  selection: string;
}
