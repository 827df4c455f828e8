import { PANEL_SNAPSHOT_KEY, parsePanelSnapshot, type PanelSnapshot } from './snapshotFormat';

/** Longer than a storage read takes; a browser that hangs on it must not hold the panel back. */
const READ_TIMEOUT_MS = 100;

/** The snapshot the worker left in storage.session, or null (none yet, unreadable, too slow). */
export async function readPanelSnapshot(): Promise<PanelSnapshot | null> {
  try {
    const read = chrome.storage.session.get(PANEL_SNAPSHOT_KEY).then((items) => parsePanelSnapshot(items[PANEL_SNAPSHOT_KEY]));
    const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), READ_TIMEOUT_MS));
    return await Promise.race([read, late]);
  } catch {
    return null;
  }
}
