import { drawPanelShell } from '@/components/sidepanel/panelShell';
import { readPanelSnapshot } from '@/lib/panelSnapshot/readPanelSnapshot';

// The side panel's first script (a classic script in sidepanel.html's head, a few KB): asks for the
// storage.session snapshot while the page parses, and draws the first screen from it (or the empty
// one, on a fresh profile) once the body is parsed — 'interactive' comes before React's module
// bundle runs. It reads nothing but the snapshot and writes nothing.

export default defineUnlistedScript(() => {
  const parsed = new Promise<void>((resolve) => {
    if (document.readyState !== 'loading') return resolve();
    document.addEventListener('readystatechange', () => resolve(), { once: true });
  });
  void Promise.all([readPanelSnapshot(), parsed]).then(([snapshot]) => drawPanelShell(document, snapshot));
});
