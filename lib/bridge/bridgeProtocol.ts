import type { PatchOp } from './stateDiff';

// What travels between the background's store and the pages' proxy stores, on top of webext-redux's
// own message types (which are reused so its proxy Store keeps working).

export const STORE_CHANNEL = 'flowbar.store';
export const PATCH_STATE_TYPE = 'webext.patch_state';
export const FETCH_STATE_TYPE = 'webext.fetch_state';
export const STATE_TYPE = 'webext.state';

/** Pages hold a port of this name open: when the worker stops, the port breaks and the page reconnects. */
export const PRESENCE_PORT = 'flowbar.presence';

/** `epoch` is new each time the worker starts; `seq` counts patches within an epoch. */
export interface BridgeVersion {
  epoch: string;
  seq: number;
}

export interface BridgePatch extends BridgeVersion {
  ops: PatchOp[];
}

/** True for the extension's own pages (side panel, options), false for content scripts and others. */
export function isExtensionPageSender(sender: chrome.runtime.MessageSender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}
