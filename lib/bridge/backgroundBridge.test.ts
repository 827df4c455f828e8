// The store bridge's sender check and guard, driven through fake chrome.runtime / chrome.tabs
// objects with the real webext-redux underneath: who may fetch the state or dispatch, and that no
// store message ever goes to a tab (a content script).
import { configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStoreBridge } from './backgroundBridge';
import { isBackgroundSender, isBridgePatchMessage, isExtensionPageSender, PRESENCE_PORT, STORE_CHANNEL } from './bridgeProtocol';
import { createPatchReceiver } from './patchReceiver';
import { applyPatch } from './stateDiff';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

type Sender = chrome.runtime.MessageSender;
type Listener = (message: unknown, sender: Sender, sendResponse: (response?: unknown) => void) => unknown;

const SIDE_PANEL: Sender = { id: EXTENSION_ID, url: `${ORIGIN}sidepanel.html`, origin: ORIGIN.slice(0, -1) };
const OPTIONS_IN_TAB: Sender = { id: EXTENSION_ID, url: `${ORIGIN}options.html#providers`, tab: { id: 4 } as chrome.tabs.Tab, frameId: 0 };

/** Senders that are not the extension's pages, each one what a weaker check would let through. */
const OUTSIDERS: Array<[string, Sender]> = [
  // an id-only check: content scripts carry the extension's id
  [
    'our content script in a web page',
    { id: EXTENSION_ID, url: 'https://news.example/article', origin: 'https://news.example', tab: { id: 3 } as chrome.tabs.Tab, frameId: 0 },
  ],
  // a check with includes() instead of a prefix
  [
    'our content script on a page whose URL contains our origin',
    { id: EXTENSION_ID, url: `https://evil.example/${ORIGIN}sidepanel.html`, tab: { id: 3 } as chrome.tabs.Tab, frameId: 0 },
  ],
  // a URL-only check
  ['another extension naming our page', { id: 'otherextensionotherextensionothe', url: `${ORIGIN}sidepanel.html` }],
  ['another extension', { id: 'otherextensionotherextensionothe', url: 'chrome-extension://otherextensionotherextensionothe/page.html' }],
  // a prefix check without the trailing slash of the origin
  ['an extension whose id starts with ours', { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}x/page.html` }],
  ['a sender without an id', { url: `${ORIGIN}sidepanel.html` }],
  // a check that only refuses a URL it sees
  ['a sender without a URL', { id: EXTENSION_ID, tab: { id: 3 } as chrome.tabs.Tab }],
  ['a web page (externally connectable)', { url: 'https://evil.example/', origin: 'https://evil.example' }],
];

describe('isExtensionPageSender', () => {
  it('accepts the extension’s own pages, in the side panel or in a tab', () => {
    expect(isExtensionPageSender(SIDE_PANEL, EXTENSION_ID, ORIGIN)).toBe(true);
    expect(isExtensionPageSender(OPTIONS_IN_TAB, EXTENSION_ID, ORIGIN)).toBe(true);
  });

  it.each(OUTSIDERS)('refuses %s', (_what, sender) => {
    expect(isExtensionPageSender(sender, EXTENSION_ID, ORIGIN)).toBe(false);
  });
});

interface FakeChrome {
  listeners: Listener[];
  connectListeners: Array<(port: chrome.runtime.Port) => void>;
  runtimeMessages: unknown[];
  tabMessages: Array<{ tabId: number; message: unknown }>;
}

/** A chrome with the parts the bridge and webext-redux use; two tabs are open. */
function installFakeChrome(): FakeChrome {
  const fake: FakeChrome = { listeners: [], connectListeners: [], runtimeMessages: [], tabMessages: [] };
  const chromeApi = {
    runtime: {
      id: EXTENSION_ID,
      lastError: undefined,
      getURL: (path: string) => `${ORIGIN}${path}`,
      onMessage: { addListener: (listener: Listener) => fake.listeners.push(listener) },
      onConnect: { addListener: (listener: (port: chrome.runtime.Port) => void) => fake.connectListeners.push(listener) },
      sendMessage: (message: unknown, callback?: unknown) => {
        fake.runtimeMessages.push(message);
        if (typeof callback === 'function') callback();
        return Promise.resolve();
      },
    },
    tabs: {
      query: (_query: unknown, callback?: (tabs: Array<{ id: number }>) => void) => {
        const tabs = [{ id: 1 }, { id: 2 }];
        if (callback) callback(tabs);
        return Promise.resolve(tabs);
      },
      sendMessage: (tabId: number, message: unknown, callback?: unknown) => {
        fake.tabMessages.push({ tabId, message });
        if (typeof callback === 'function') callback();
        return Promise.resolve();
      },
    },
  };
  vi.stubGlobal('chrome', chromeApi);
  // webext-redux looks for `self.chrome`
  vi.stubGlobal('self', { chrome: chromeApi });
  return fake;
}

function testStore() {
  return configureStore({
    reducer: (state: { count: number; secret: string } = { count: 0, secret: 'conversation about pelicans' }, action: UnknownAction) =>
      action.type === 'increment' ? { ...state, count: state.count + 1 } : state,
  });
}

/** Sends `message` from `sender` to every listener, as chrome would; resolves with what was answered (or null). */
async function deliver(fake: FakeChrome, message: unknown, sender: Sender): Promise<{ answered: unknown; keptOpen: boolean }> {
  let answered: unknown = null;
  let keptOpen = false;
  for (const listener of fake.listeners) {
    if (listener(message, sender, (response) => (answered = response)) === true) keptOpen = true;
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
  return { answered, keptOpen };
}

const fetchState = { type: 'webext.fetch_state', channelName: STORE_CHANNEL };
const dispatchIncrement = { type: 'webext.dispatch', channelName: STORE_CHANNEL, payload: { type: 'increment' } };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('isBackgroundSender (who may send a page its patches)', () => {
  it('accepts the worker, refuses every outsider and an extension page in a tab', () => {
    const worker: Sender = { id: EXTENSION_ID, url: `${ORIGIN}background.js`, origin: ORIGIN.slice(0, -1) };
    expect(isBackgroundSender(worker, EXTENSION_ID, ORIGIN)).toBe(true);
    for (const [what, sender] of OUTSIDERS) expect(isBackgroundSender(sender, EXTENSION_ID, ORIGIN), what).toBe(false);
    expect(isBackgroundSender(OPTIONS_IN_TAB, EXTENSION_ID, ORIGIN)).toBe(false);
  });
});

describe('createStoreBridge: the guard around webext-redux', () => {
  it('no store message goes to any tab: not at wrap time (webext-redux’s whole-state post), not on updates', async () => {
    const fake = installFakeChrome();
    const connect = createStoreBridge({ minPatchGapMs: 0 });
    const store = testStore();
    connect(store);
    // one update per task: one patch each (a burst of updates travels as one, patchPacer.ts)
    for (let i = 0; i < 3; i++) {
      store.dispatch({ type: 'increment' });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(fake.tabMessages).toEqual([]);
    // the pages still get the updates, as numbered patches of one epoch
    const patches = fake.runtimeMessages.filter(isBridgePatchMessage);
    expect(patches.map((m) => m.fbp[1])).toEqual([1, 2, 3]);
    expect(new Set(patches.map((m) => m.fbp[0])).size).toBe(1);
    // and chrome.tabs is as it was
    expect((await chrome.tabs.query({})).length).toBe(2);
  });

  it('webext-redux’s own whole-state post carries no state, even where chrome.tabs.query cannot be replaced', async () => {
    const fake = installFakeChrome();
    const tabs = chrome.tabs;
    const query = tabs.query;
    Object.defineProperty(tabs, 'query', { value: query, writable: false, configurable: true });
    const connect = createStoreBridge();
    const store = testStore();
    connect(store);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const posts = [...fake.runtimeMessages, ...fake.tabMessages.map((m) => m.message)].filter((m) => (m as { type?: string }).type === 'webext.state');
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(JSON.stringify(post)).not.toContain('pelicans');
  });

  it('an extension page fetches the state (with its version) and dispatches', async () => {
    const fake = installFakeChrome();
    const connect = createStoreBridge();
    const store = testStore();
    const version = connect(store);
    const fetched = await deliver(fake, fetchState, SIDE_PANEL);
    expect(fetched.keptOpen).toBe(true);
    expect(fetched.answered).toEqual({ type: 'webext.fetch_state', payload: store.getState(), bridge: { epoch: version.epoch, seq: 0, path: [] } });
    expect(version.epoch).toMatch(/^[\w-]{8}$/);
    const dispatched = await deliver(fake, dispatchIncrement, OPTIONS_IN_TAB);
    expect(dispatched.answered).toMatchObject({ error: null });
    expect(store.getState().count).toBe(1);
  });

  it.each(OUTSIDERS)('%s can neither fetch the state nor dispatch, and is reported', async (what, sender) => {
    const fake = installFakeChrome();
    const refused: string[] = [];
    const connect = createStoreBridge({ onRefused: (reason) => refused.push(reason) });
    const store = testStore();
    connect(store);
    const fetched = await deliver(fake, fetchState, sender);
    expect(fetched, what).toEqual({ answered: null, keptOpen: false });
    const dispatched = await deliver(fake, dispatchIncrement, sender);
    expect(dispatched, what).toEqual({ answered: null, keptOpen: false });
    expect(store.getState().count).toBe(0);
    // each of webext-redux's listeners refused it (one for state, one for actions)
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refused)).toEqual(new Set(['store message from outside the extension pages']));
  });

  it('messages queued before the store exists are guarded too', async () => {
    const fake = installFakeChrome();
    const connect = createStoreBridge();
    const outsider = deliver(fake, fetchState, OUTSIDERS[0][1]);
    const page = deliver(fake, fetchState, SIDE_PANEL);
    const store = testStore();
    connect(store);
    expect((await outsider).answered).toBeNull();
    expect((await page).answered).toMatchObject({ payload: store.getState() });
  });

  it('messages on other channels are left to their own listeners', async () => {
    const fake = installFakeChrome();
    createStoreBridge()(testStore());
    expect(await deliver(fake, { type: 'webext.fetch_state', channelName: 'someone.else' }, SIDE_PANEL)).toEqual({ answered: null, keptOpen: false });
    expect(await deliver(fake, { type: 'page/selection', text: 'x' }, OUTSIDERS[0][1])).toEqual({ answered: null, keptOpen: false });
  });

  it('the presence port is kept for extension pages and closed for anyone else', () => {
    const fake = installFakeChrome();
    createStoreBridge();
    const port = (sender: Sender) => {
      const p = { name: PRESENCE_PORT, sender, disconnected: false, disconnect: () => (p.disconnected = true) };
      for (const listener of fake.connectListeners) listener(p as unknown as chrome.runtime.Port);
      return p.disconnected;
    };
    expect(port(SIDE_PANEL)).toBe(false);
    for (const [what, sender] of OUTSIDERS) expect(port(sender), what).toBe(true);
  });
});

describe('createStoreBridge → a page: the short patches rebuild the state', () => {
  it('a page that fetched the state mid-way applies the later patches (relative paths included) and reaches the same state', async () => {
    const fake = installFakeChrome();
    const connect = createStoreBridge({ minPatchGapMs: 0 });
    const store = configureStore({
      reducer: (state: { tasks: Record<string, { text: string }> } = { tasks: {} }, action: UnknownAction) => {
        const { id, text } = (action as { payload?: { id: string; text: string } }).payload ?? { id: '', text: '' };
        if (action.type === 'start') return { tasks: { ...state.tasks, [id]: { text: '' } } };
        if (action.type === 'grow') return { tasks: { ...state.tasks, [id]: { text: state.tasks[id].text + text } } };
        return state;
      },
    });
    connect(store);
    const id = '29fbb157-fbbd-443a-8f7c-ab27232291d3';
    store.dispatch({ type: 'start', payload: { id, text: '' } });
    store.dispatch({ type: 'grow', payload: { id, text: 'a'.repeat(40) } });
    const fetched = (await deliver(fake, fetchState, SIDE_PANEL)).answered as {
      payload: ReturnType<typeof store.getState>;
      bridge: Parameters<ReturnType<typeof createPatchReceiver>['reset']>[0];
    };
    const receiver = createPatchReceiver();
    receiver.reset(fetched.bridge);
    let pageState = fetched.payload;
    const sentBefore = fake.runtimeMessages.length;
    for (let i = 0; i < 5; i++) {
      store.dispatch({ type: 'grow', payload: { id, text: `chunk ${i} ` } });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const patches = fake.runtimeMessages.slice(sentBefore);
    expect(patches).toHaveLength(5);
    for (const message of patches) {
      const received = receiver.receive(message);
      expect(received.kind).toBe('apply');
      if (received.kind === 'apply') pageState = applyPatch(pageState, received.ops);
    }
    expect(pageState).toEqual(store.getState());
    // each streaming append is the text and a few dozen bytes: no task id, no UUID epoch
    for (const message of patches) expect(JSON.stringify(message)).not.toContain(id);
    expect(Math.max(...patches.map((m) => JSON.stringify(m).length - 'chunk 0 '.length))).toBeLessThan(50);
  });
});

describe('createStoreBridge: one patch per burst of updates', () => {
  const patchesOf = (fake: FakeChrome) => fake.runtimeMessages.filter(isBridgePatchMessage);

  it('a burst of updates goes at its end as one patch; the rest of a burst waits as one patch; a fetch or an answer to a page sends what is pending first', async () => {
    const fake = installFakeChrome();
    // a gap longer than the test: only the flushes send the rest (the timer itself is patchPacer.test.ts's)
    const connect = createStoreBridge({ minPatchGapMs: 60_000 });
    const store = testStore();
    connect(store);
    store.dispatch({ type: 'increment' });
    store.dispatch({ type: 'increment' });
    expect(patchesOf(fake)).toHaveLength(0);
    await vi.waitFor(() => expect(patchesOf(fake)).toHaveLength(1));
    store.dispatch({ type: 'increment' });
    store.dispatch({ type: 'increment' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(patchesOf(fake)).toHaveLength(1);

    // a change still waiting for its patch when a page fetches the state: the patch goes first, and the snapshot says it includes it
    const fetched = (await deliver(fake, fetchState, SIDE_PANEL)).answered as { payload: { count: number }; bridge: { seq: number } };
    expect(patchesOf(fake).map((m) => JSON.stringify(m.fbp[2]))).toEqual(['[["s",[0,"count"],2]]', '[["s",[1],4]]']);
    expect(fetched.payload.count).toBe(4);
    expect(fetched.bridge.seq).toBe(2);

    // a dispatch from a page: its answer comes after the patch of what it changed
    store.dispatch({ type: 'increment' });
    const order: string[] = [];
    const sendMessage = chrome.runtime.sendMessage;
    const recordPatches = (message: unknown) => {
      if (isBridgePatchMessage(message)) order.push('patch');
      return sendMessage(message);
    };
    chrome.runtime.sendMessage = recordPatches as typeof chrome.runtime.sendMessage;
    for (const listener of fake.listeners) listener(dispatchIncrement, SIDE_PANEL, () => order.push('answer'));
    await vi.waitFor(() => expect(order).toContain('answer'));
    expect(order).toEqual(['patch', 'answer']);
    expect(store.getState().count).toBe(6);
    expect(patchesOf(fake).at(-1)?.fbp[2]).toEqual([['s', [1], 6]]);
  });
});
