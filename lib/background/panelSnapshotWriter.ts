import { PANEL_SNAPSHOT_KEY, selectPanelSnapshot, type PanelSnapshot } from '../panelSnapshot/panelSnapshot';
import type { RootState } from '../store/rootReducer';

/** What the writer needs of the store: to be told of changes and to read the state. */
export interface SnapshotStore {
  subscribe(listener: () => void): unknown;
  getState(): RootState;
}

/** How long changes are gathered before the snapshot is written again (a stream changes nothing in it). */
const WRITE_DELAY_MS = 300;

const writeToSession = (snapshot: PanelSnapshot) => chrome.storage.session.set({ [PANEL_SNAPSHOT_KEY]: snapshot });

/**
 * Background only. Keeps the panel's first-paint snapshot (panelSnapshot.ts) in storage.session,
 * which outlives a sleeping worker for as long as the browser runs: written once the store is
 * hydrated, then whenever the prompts or the open tabs change.
 */
export function keepPanelSnapshot(store: SnapshotStore, write: (snapshot: PanelSnapshot) => Promise<unknown> = writeToSession, delayMs = WRITE_DELAY_MS) {
  let written: PanelSnapshot | null = null;
  let writtenJson = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const snapshot = selectPanelSnapshot(store.getState());
    written = snapshot;
    const json = JSON.stringify(snapshot);
    // An instance that changed (a new message) leaves its title, and so the snapshot, as it was.
    if (json === writtenJson) return;
    writtenJson = json;
    void write(snapshot).catch(() => undefined);
  };
  store.subscribe(() => {
    const state = store.getState();
    if (!state.app.hydrated || timer !== null) return;
    // The first one at once: the next panel to open should find it.
    if (written === null) return flush();
    if (selectPanelSnapshot(state) !== written) timer = setTimeout(flush, delayMs);
  });
}
