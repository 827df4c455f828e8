import type { Store } from '@reduxjs/toolkit';
import { createWrapStore } from 'webext-redux';
import { FETCH_STATE_TYPE, isExtensionPageSender, newEpoch, PRESENCE_PORT, STORE_CHANNEL, type BridgePatchMessage, type BridgeVersion } from './bridgeProtocol';
import { createPatchPacer, type PatchPacer } from './patchPacer';
import { encodeOps } from './patchWire';
import { diffState } from './stateDiff';

// Background only. Exposes the store to the extension's pages through webext-redux, with three
// changes to what it does as shipped:
//  - only the extension's own pages may fetch state or dispatch (content scripts and other
//    extensions are refused);
//  - state goes to extension pages only, never by tabs.sendMessage into web pages: not the updates,
//    and not the whole state webext-redux posts to every tab when the store is wrapped;
//  - updates are the append-aware diff of stateDiff.ts, numbered so a page can tell a gap or a
//    restarted worker and fetch the whole state again, in a short message of Flowbar's own
//    (patchWire.ts: tuples, paths relative to the previous one, an 8-character epoch).

type Listener = (message: unknown, sender: chrome.runtime.MessageSender, sendResponse: (response?: unknown) => void) => unknown;

/**
 * Shortest time between two patches: a burst of store updates within it travels as one patch (and
 * the updates made one after another always do, see patchPacer.ts). One frame: a streamed answer's text
 * already comes at most every 200 ms (the stream batcher), so a longer gap would merge nothing more
 * and only hold back its last words (the usage and finish updates come just before them).
 */
export const MIN_PATCH_GAP_MS = 16;

interface BridgeOptions {
  /** MIN_PATCH_GAP_MS unless given (0: each burst of updates as soon as it is over, as a test may want) */
  minPatchGapMs?: number;
  /** told of each refused message (for the log); never given the message's content */
  onRefused?: (reason: string, sender: chrome.runtime.MessageSender) => void;
}

/**
 * Must run synchronously at the worker's top level (webext-redux queues messages that arrive
 * before the store exists). Returns the function that connects the store once it is made.
 */
export function createStoreBridge(options: BridgeOptions = {}) {
  const extensionId = chrome.runtime.id;
  const extensionOrigin = chrome.runtime.getURL('');
  const version: BridgeVersion = { epoch: newEpoch(), seq: 0, path: [] };
  let pacer: PatchPacer | null = null;

  const guard =
    (listener: Listener): Listener =>
    (message, sender, sendResponse) => {
      const ours = typeof message === 'object' && message !== null && (message as { channelName?: unknown }).channelName === STORE_CHANNEL;
      if (!ours) return undefined;
      if (!isExtensionPageSender(sender, extensionId, extensionOrigin)) {
        options.onRefused?.('store message from outside the extension pages', sender);
        return undefined;
      }
      if ((message as { type?: unknown }).type === FETCH_STATE_TYPE) {
        // The snapshot includes every change: none may still wait for its patch. Tell the page which patch it includes.
        pacer?.flush();
        return listener(message, sender, (response) => sendResponse({ ...(response as object), bridge: { ...version } }));
      }
      // A dispatch's answer comes after the patch of what it changed.
      return listener(message, sender, (response) => {
        pacer?.flush();
        sendResponse(response);
      });
    };

  // Pages keep a presence port open so they notice when this worker stops (see pageStore.ts).
  chrome.runtime.onConnect.addListener((port) => {
    if (port.name !== PRESENCE_PORT) return;
    if (!port.sender || !isExtensionPageSender(port.sender, extensionId, extensionOrigin)) port.disconnect();
  });

  // webext-redux adds its runtime.onMessage listeners inside createWrapStore: guard them.
  const onMessage = chrome.runtime.onMessage;
  const addListener = onMessage.addListener;
  onMessage.addListener = ((listener: Listener) => addListener.call(onMessage, guard(listener))) as typeof onMessage.addListener;
  let wrap: ReturnType<typeof createWrapStore>;
  try {
    wrap = createWrapStore({ channelName: STORE_CHANNEL });
  } finally {
    onMessage.addListener = addListener;
  }

  return function connectStore(store: Store<unknown>) {
    // webext-redux's own broadcast (to pages and every tab) is silenced: its patches by an empty
    // diff; the whole state it posts once, to every tab, as the store is wrapped, by finding no tabs,
    // and, should a browser not let chrome.tabs.query be replaced, by a serializer that leaves the
    // state out of its posts (a page that gets that post fetches the state, see pageStore.ts).
    withoutTabs(() => wrap(store, { diffStrategy: () => [], serializer: () => undefined }));
    // ... and replaced by ours, to extension pages only: one patch per burst of updates (patchPacer.ts).
    let previous = store.getState();
    const sendPatch = () => {
      const next = store.getState();
      if (next === previous) return;
      const ops = diffState(previous, next);
      previous = next;
      if (ops.length === 0) return;
      const wire = encodeOps(ops, version.path);
      version.seq += 1;
      version.path = wire.last;
      const message: BridgePatchMessage = { fbp: [version.epoch, version.seq, wire.ops] };
      chrome.runtime.sendMessage(message).catch(() => {
        // No page is open: nothing to update.
      });
    };
    const paced = createPatchPacer(sendPatch, options.minPatchGapMs ?? MIN_PATCH_GAP_MS);
    pacer = paced;
    store.subscribe(() => {
      if (store.getState() !== previous) paced.changed();
    });
    return version;
  };
}

/**
 * Runs `wrap` while chrome.tabs.query finds no tabs. webext-redux's createWrapStore()(store) posts
 * the whole state once, synchronously: runtime.sendMessage (extension pages, which fetch the state
 * again on it) and tabs.query({}) → tabs.sendMessage to each tab (every content script). With no
 * tabs found, that post reaches no web page. Its later posts are patches, which the empty diff
 * strategy stops.
 */
function withoutTabs(wrap: () => void) {
  const tabs = chrome.tabs as typeof chrome.tabs | undefined;
  if (!tabs) return wrap();
  const query = tabs.query;
  try {
    tabs.query = ((_query: chrome.tabs.QueryInfo, callback?: (found: chrome.tabs.Tab[]) => void) => {
      if (callback) callback([]);
      else return Promise.resolve([]);
    }) as typeof tabs.query;
  } catch {
    // a read-only API object: the serializer keeps the state out of that post
  }
  try {
    wrap();
  } finally {
    if (tabs.query !== query) tabs.query = query;
  }
}
