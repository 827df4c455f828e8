import { lazy } from 'react';

// The panel's views that are not on its first screen, each in its own chunk: the conversation (with
// the Markdown renderer and, through it, highlight.js), the history (and its export), the flows and
// the flow run view. The first screen — header, prompt picker, New chat, tabs, setup card — loads
// without them (docs/performance.md, "Cold open (session 2)").

/** Starts loading the open conversation's code; main.tsx calls it early when the panel will show one. */
export const loadInstancePanel = () => import('@/components/sidepanel/InstancePanel');

export const InstancePanel = lazy(() => loadInstancePanel().then((m) => ({ default: m.InstancePanel })));
export const HistoryView = lazy(() => import('@/components/sidepanel/HistoryView').then((m) => ({ default: m.HistoryView })));
export const FlowsView = lazy(() => import('@/components/flows/panel/FlowsView').then((m) => ({ default: m.FlowsView })));

/** What a view shows while its code loads: a status line in the view's place, so nothing moves. */
export function ViewLoading() {
  return (
    <p role="status" className="loading">
      Loading…
    </p>
  );
}
