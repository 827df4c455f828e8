import { createRoot } from 'react-dom/client';
import { PanelPreview } from '@/components/sidepanel/PanelPreview';
import { StoreRoot } from '@/components/StoreRoot';
import { connectPageStore } from '@/lib/bridge/pageStore';
import { readPanelSnapshot } from '@/lib/panelSnapshot/readPanelSnapshot';
import { App } from './App';
import './style.css';

// Both start as the script runs, not after React's first commit: the state on its way from the
// worker (which may be asleep), and the small snapshot the panel draws until it is there.
const connecting = connectPageStore();
void readPanelSnapshot().then((snapshot) =>
  createRoot(document.getElementById('root')!).render(
    <StoreRoot connecting={connecting} preview={snapshot ? <PanelPreview snapshot={snapshot} /> : undefined}>
      <App />
    </StoreRoot>,
  ),
);
