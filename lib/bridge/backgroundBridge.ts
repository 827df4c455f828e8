import type { Store } from '@reduxjs/toolkit';
import { createWrapStore } from 'webext-redux';
import {
  FETCH_STATE_TYPE,
  isExtensionPageSender,
  PATCH_STATE_TYPE,
  PRESENCE_PORT,
  STORE_CHANNEL,
  type BridgePatch,
  type BridgeVersion,
} from './bridgeProtocol';
import { diffState } from './stateDiff';

// Background only. Exposes the store to the extension's pages through webext-redux, with three
// changes to what it does as shipped:
//  - only the extension's own pages may fetch state or dispatch (content scripts and other
//    extensions are refused);
//  - state goes to extension pages only, never by tabs.sendMessage into web pages: not the updates,
//    and not the whole state webext-redux posts to every tab when the store is wrapped;
//  - updates are the append-aware diff of stateDiff.ts, numbered so a page can tell a gap or a
//    restarted worker and fetch the whole state again.

type Listener = (message: unknown, sender: chrome.runtime.MessageSender, sendResponse: (response?: unknown) => void) => unknown;

interface BridgeOptions {
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
  const version: BridgeVersion = { epoch: crypto.randomUUID(), seq: 0 };

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
        // Tell the page which patch the snapshot includes.
        return listener(message, sender, (response) => sendResponse({ ...(response as object), bridge: { ...version } }));
      }
      return listener(message, sender, sendResponse);
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
    // ... and replaced by ours, to extension pages only.
    let previous = store.getState();
    store.subscribe(() => {
      const next = store.getState();
      if (next === previous) return;
      const ops = diffState(previous, next);
      previous = next;
      if (ops.length === 0) return;
      version.seq += 1;
      const payload: BridgePatch = { ...version, ops };
      chrome.runtime.sendMessage({ type: PATCH_STATE_TYPE, channelName: STORE_CHANNEL, payload }).catch(() => {
        // No page is open: nothing to update.
      });
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
