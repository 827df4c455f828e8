import type { WireOp } from './patchWire';
import type { Path } from './stateDiff';

// What travels between the background's store and the pages' proxy stores: webext-redux's own
// message types for fetching the state and dispatching (so its proxy Store keeps working), and
// Flowbar's own, short patch message (patchWire.ts) for the updates.

export const STORE_CHANNEL = 'flowbar.store';
export const FETCH_STATE_TYPE = 'webext.fetch_state';
export const STATE_TYPE = 'webext.state';

/** Pages hold a port of this name open: when the worker stops, the port breaks and the page reconnects. */
export const PRESENCE_PORT = 'flowbar.presence';

/**
 * `epoch` is new each time the worker starts; `seq` counts patches within an epoch; `path` is the
 * last path of patch `seq` (where the next patch's relative paths start, see patchWire.ts).
 */
export interface BridgeVersion {
  epoch: string;
  seq: number;
  path: Path;
}

/** A store update on its way to the pages: `{ fbp: [epoch, seq, ops] }` (about 30 bytes of envelope). */
export interface BridgePatchMessage {
  fbp: [epoch: string, seq: number, ops: WireOp[]];
}

export function isBridgePatchMessage(message: unknown): message is BridgePatchMessage {
  if (typeof message !== 'object' || message === null) return false;
  const patch = (message as { fbp?: unknown }).fbp;
  if (!Array.isArray(patch) || patch.length !== 3) return false;
  const [epoch, seq, ops] = patch as unknown[];
  return typeof epoch === 'string' && typeof seq === 'number' && Array.isArray(ops);
}

/** 8 random characters (48 bits): enough to tell one worker start from another, shorter than a UUID on every patch. */
export function newEpoch(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** True for the extension's own pages (side panel, options), false for content scripts and others. */
export function isExtensionPageSender(sender: chrome.runtime.MessageSender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/**
 * Who may send a page its patches: the extension itself, outside any tab (the worker; Firefox's
 * background page). Never a content script (it is in a tab, with a web page's URL) nor another extension.
 */
export function isBackgroundSender(sender: chrome.runtime.MessageSender, extensionId: string, extensionOrigin: string): boolean {
  return isExtensionPageSender(sender, extensionId, extensionOrigin) && sender.tab === undefined;
}
