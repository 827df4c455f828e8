// The background side of the selection button: the on/off answer for the asking page's own host,
// and the click that opens the side panel inside its user gesture, then readies the selection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SELECTION_BUTTON_CLICK, SELECTION_BUTTON_ENABLED_QUERY } from '../selectionButton/selectionButtonProtocol';
import type { SelectionButtonSetting } from '../selectionButton/siteSetting';
import type { AppStore } from '../store/makeStore';
import type { FrontTab } from './frontPage';
import { listenForSelectionButton } from './selectionButtonListener';

const EXT = 'flowbar-extension-id';
type Listener = (message: unknown, sender: chrome.runtime.MessageSender, sendResponse: (answer: unknown) => void) => unknown;

interface SetupOptions {
  setting?: SelectionButtonSetting;
  hydrated?: boolean;
  front?: FrontTab | null;
}

function setup({ setting = { enabled: true, offSites: ['off.example'] }, hydrated = true, front = { tabId: 7, windowId: 1 } }: SetupOptions = {}) {
  let listener: Listener | undefined;
  const opened: unknown[] = [];
  vi.stubGlobal('browser', {}); // Chrome: no Firefox sidebarAction
  vi.stubGlobal('chrome', {
    runtime: { id: EXT, onMessage: { addListener: (l: Listener) => (listener = l) } },
    sidePanel: { open: (options: unknown) => (opened.push(options), Promise.resolve()) },
  });
  let state = { app: { hydrated }, settings: { selectionButton: setting } };
  const subscribers = new Set<() => void>();
  const dispatched: { type: string; payload: Record<string, unknown> }[] = [];
  const store = {
    getState: () => state,
    dispatch: (action: (typeof dispatched)[number]) => dispatched.push(action),
    subscribe: (fn: () => void) => (subscribers.add(fn), () => subscribers.delete(fn)),
  } as unknown as AppStore;
  listenForSelectionButton(store, async () => front);

  const sender = (url: string, extra: Partial<chrome.runtime.MessageSender> = {}): chrome.runtime.MessageSender => ({
    id: EXT,
    frameId: 0,
    url,
    tab: { id: 7, windowId: 1 } as chrome.tabs.Tab,
    ...extra,
  });
  const ask = (from: chrome.runtime.MessageSender, message: Record<string, unknown> = {}) => {
    const answers: unknown[] = [];
    const returned = listener!({ type: SELECTION_BUTTON_ENABLED_QUERY, ...message }, from, (answer) => answers.push(answer));
    return { returned, answers };
  };
  const click = async (from: chrome.runtime.MessageSender, selection = 'the selected words') => {
    listener!({ type: SELECTION_BUTTON_CLICK, title: 'A page', url: from.url, selection }, from, () => undefined);
    const openedInListener = opened.length; // before any await: still inside the click's gesture
    await new Promise((resolve) => setTimeout(resolve, 0));
    return openedInListener;
  };
  return {
    ask,
    click,
    sender,
    opened,
    selections: () => dispatched.filter((a) => a.type === 'page/pageContextReported').map((a) => a.payload.selection),
    logs: () => dispatched.filter((a) => a.type === 'logs/addLog').map((a) => a.payload.message),
    hydrate: (selectionButton: SelectionButtonSetting) => {
      state = { app: { hydrated: true }, settings: { selectionButton } };
      subscribers.forEach((fn) => fn());
    },
  };
}

describe('the selection button listener', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers the on/off question for the host of the asking page itself, never a URL the message names', () => {
    const t = setup();
    expect(t.ask(t.sender('https://news.example/a')).answers).toEqual([{ enabled: true }]);
    expect(t.ask(t.sender('https://www.off.example/a')).answers).toEqual([{ enabled: false }]);
    expect(t.ask(t.sender('https://off.example/a'), { url: 'https://news.example/' }).answers).toEqual([{ enabled: false }]);
  });

  it('says off to a sub-frame, another extension, or a sender without a tab', () => {
    const t = setup();
    expect(t.ask(t.sender('https://news.example/', { frameId: 2 })).answers).toEqual([{ enabled: false }]);
    expect(t.ask(t.sender('https://news.example/', { id: 'another-extension' })).answers).toEqual([{ enabled: false }]);
    expect(t.ask(t.sender('https://news.example/', { tab: undefined })).answers).toEqual([{ enabled: false }]);
  });

  it('answers a worker that just woke from the saved settings, once they are loaded', () => {
    const t = setup({ hydrated: false });
    const { returned, answers } = t.ask(t.sender('https://news.example/'));
    expect(returned).toBe(true); // the answer comes later
    expect(answers).toEqual([]);
    t.hydrate({ enabled: false, offSites: [] });
    expect(answers).toEqual([{ enabled: false }]);
  });

  it('opens the side panel for the tab synchronously in the click, then readies the selection', async () => {
    const t = setup();
    expect(await t.click(t.sender('https://news.example/'))).toBe(1);
    expect(t.opened).toEqual([{ tabId: 7 }]);
    expect(t.selections()).toEqual(['the selected words']);
  });

  it('does nothing for a click on a site where the button is off, or when it is off everywhere', async () => {
    const t = setup();
    await t.click(t.sender('https://off.example/'));
    expect(t.opened).toEqual([]);
    expect(t.selections()).toEqual([]);
    const off = setup({ setting: { enabled: false, offSites: [] } });
    await off.click(off.sender('https://news.example/'));
    expect(off.opened).toEqual([]);
  });

  it('keeps the front-page rule: a click reported from a tab not in front does not change the selection', async () => {
    const t = setup({ front: { tabId: 8, windowId: 1 } });
    await t.click(t.sender('https://news.example/'));
    expect(t.selections()).toEqual([]);
    expect(t.logs()).toEqual(['Ignored a selection-button click from a tab that is not in front.']);
  });

  it('refuses a malformed click message without opening anything', async () => {
    const t = setup();
    await t.click(t.sender('https://news.example/'), 42 as unknown as string);
    await t.click(t.sender('https://news.example/', { frameId: 3 }));
    expect(t.opened).toEqual([]);
    expect(t.selections()).toEqual([]);
    expect(t.logs()).toEqual(['Refused a malformed selection-button message.', 'Refused a malformed selection-button message.']);
  });
});
