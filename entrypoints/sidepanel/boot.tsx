import { useEffect, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { PANEL_SHELL_ID, removePanelShell } from '@/components/sidepanel/panelShell';
import { StoreRoot } from '@/components/StoreRoot';
import { connectPageStore } from '@/lib/bridge/pageStore';
import { readPanelSnapshot } from '@/lib/panelSnapshot/readPanelSnapshot';
import { App } from './App';
import { loadInstancePanel, preloadViewsWhenIdle } from './lazyViews';

// The panel's React UI (loaded by main.tsx once the shell has painted). The state is on its way from
// the worker (which may be asleep) as soon as this runs. Until it is there the page shows the shell
// panel-shell.js drew; React draws nothing over it.
const connecting = connectPageStore();
// An open conversation is on the first screen: fetch its code while the state arrives.
void readPanelSnapshot().then((snapshot) => {
  if (snapshot && snapshot.tabs.length > 0) void loadInstancePanel();
});

/** Before the state: nothing while the shell is in the page; a status line after (the worker restarted). */
function BeforeHydration() {
  if (document.getElementById(PANEL_SHELL_ID)) return null;
  return (
    <p role="status" className="loading">
      Loading Flowbar…
    </p>
  );
}

/** The first child of the hydrated panel: the shell leaves in the same commit, before App's own effects run; then the other views' code loads while idle. */
function ShellHandOff() {
  useLayoutEffect(() => removePanelShell(document), []);
  useEffect(preloadViewsWhenIdle, []);
  return null;
}

createRoot(document.getElementById('root')!).render(
  <StoreRoot connecting={connecting} preview={<BeforeHydration />}>
    <ShellHandOff />
    <App />
  </StoreRoot>,
);
