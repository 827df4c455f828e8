import { lazy } from 'react';

// The panel's views that are not on its first screen, each in its own chunk: the conversation (with
// the Markdown renderer and, through it, highlight.js), the history (and its export), the flows and
// the flow run view. The first screen — header, prompt picker, New chat, tabs, setup card — loads
// without them (docs/performance.md, "Cold open (session 2)").

/** Starts loading the open conversation's code; main.tsx calls it early when the panel will show one. */
export const loadInstancePanel = () => import('@/components/sidepanel/InstancePanel');

const loadHistoryView = () => import('@/components/sidepanel/HistoryView');
const loadFlowsView = () => import('@/components/flows/panel/FlowsView');

export const InstancePanel = lazy(() => loadInstancePanel().then((m) => ({ default: m.InstancePanel })));
export const HistoryView = lazy(() => loadHistoryView().then((m) => ({ default: m.HistoryView })));
export const FlowsView = lazy(() => loadFlowsView().then((m) => ({ default: m.FlowsView })));

/**
 * Once the panel is up and the browser idle, the views' code is fetched and evaluated ahead of the
 * first click, so opening History, the flows or a conversation waits for no chunk (a module loads
 * once: the lazy views above then resolve at once), and the Markdown renderer is warmed up.
 */
export function preloadViewsWhenIdle(): void {
  const preload = () =>
    void Promise.all([loadInstancePanel(), loadHistoryView(), loadFlowsView()])
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
