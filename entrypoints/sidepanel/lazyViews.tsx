import { preloadableView } from '@/components/preloadableView';

// The panel's views that are not on its first screen, each in its own chunk: the conversation (with
// the Markdown renderer and, through it, highlight.js), the history (and its export), the flows and
// the flow run view. The first screen — header, prompt picker, New chat, tabs, setup card — loads
// without them (docs/performance.md, "Cold open (session 2)").

const instancePanel = preloadableView(() => import('@/components/sidepanel/InstancePanel').then((m) => m.InstancePanel));
const historyView = preloadableView(() => import('@/components/sidepanel/HistoryView').then((m) => m.HistoryView));
const flowsView = preloadableView(() => import('@/components/flows/panel/FlowsView').then((m) => m.FlowsView));

/** Starts loading the open conversation's code; boot.tsx calls it early when the panel will show one. */
export const loadInstancePanel = instancePanel.load;
export const InstancePanel = instancePanel.View;
export const HistoryView = historyView.View;
export const FlowsView = flowsView.View;

/**
 * Once the panel is up and the browser idle, the views' code is fetched and evaluated ahead of the
 * first click, so opening History, the flows or a conversation waits for no chunk and renders in
 * the click's own commit, and the Markdown renderer is warmed up.
 */
export function preloadViewsWhenIdle(): void {
  const preload = () =>
    void Promise.all([instancePanel.load(), historyView.load(), flowsView.load()])
      // then the Markdown renderer's first, slow runs, on a sample (lib/markdown/warmUp.ts)
      .then(() => import('@/lib/markdown/warmUp'))
      .then(({ warmUpMarkdown }) => warmUpMarkdown())
      .catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(preload, { timeout: 2000 });
  else setTimeout(preload, 500);
}

/** What a view shows while its code loads: a status line in the view's place, so nothing moves. */
export function ViewLoading() {
  return (
    <p role="status" className="loading">
      Loading…
    </p>
  );
}
