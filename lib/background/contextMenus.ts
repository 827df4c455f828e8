import { MAX_SELECTION_CHARS } from '../messaging/pageContextProtocol';
import type { AppStore } from '../store/makeStore';
import { openSidePanel } from './sidePanel';
import { runPromptOnPage, type PageFacts } from './runOnPage';

// Background only. "Run with Flowbar" on a selection, with the user's prompts as sub-items,
// rebuilt whenever the library changes.

const PARENT_ID = 'flowbar-run';
const PROMPT_PREFIX = 'flowbar-prompt:';
const FLOW_PREFIX = 'flowbar-flow:';

export function installContextMenus(store: AppStore, runFlowOnPage: (flowId: string, page: PageFacts) => Promise<unknown>) {
  let shown: unknown = null;
  let seenPrompts: unknown = null;
  let seenFlows: unknown = null;
  const rebuild = () => {
    const state = store.getState();
    // Every store update comes here (several a second while answers stream): only a change of the
    // library itself is worth comparing titles for.
    if (state.prompts === seenPrompts && state.flows === seenFlows) return;
    seenPrompts = state.prompts;
    seenFlows = state.flows;
    const entries = state.prompts.order.map((id) => [PROMPT_PREFIX + id, state.prompts.byId[id].name] as const);
    const flows = state.flows.flows.order.map((id) => [FLOW_PREFIX + id, `Flow: ${state.flows.flows.byId[id].name}`] as const);
    const signature = JSON.stringify([entries, flows]);
    if (signature === shown) return;
    shown = signature;
    chrome.contextMenus.removeAll(() => {
      chrome.contextMenus.create({ id: PARENT_ID, title: 'Run with Flowbar', contexts: ['selection'] });
      for (const [id, title] of entries) chrome.contextMenus.create({ id, parentId: PARENT_ID, title, contexts: ['selection'] });
      if (flows.length > 0) {
        chrome.contextMenus.create({ id: 'flowbar-separator', parentId: PARENT_ID, type: 'separator', contexts: ['selection'] });
        for (const [id, title] of flows) chrome.contextMenus.create({ id, parentId: PARENT_ID, title, contexts: ['selection'] });
      }
    });
  };
  store.subscribe(() => {
    if (store.getState().app.hydrated) rebuild();
  });

  chrome.contextMenus.onClicked.addListener((info, tab) => {
    const menuId = String(info.menuItemId);
    // The clicked tab's own selection, as the browser hands it with the click: never what another
    // tab last reported to the store.
    const page = {
      tabId: tab?.id ?? null,
      title: tab?.title ?? '',
      url: tab?.url ?? info.pageUrl ?? '',
      selection: (info.selectionText ?? '').slice(0, MAX_SELECTION_CHARS),
    };
    if (menuId.startsWith(PROMPT_PREFIX)) {
      openSidePanel(tab?.id, tab?.windowId);
      void runPromptOnPage(store, menuId.slice(PROMPT_PREFIX.length), page);
    } else if (menuId.startsWith(FLOW_PREFIX)) {
      openSidePanel(tab?.id, tab?.windowId);
      void runFlowOnPage(menuId.slice(FLOW_PREFIX.length), page);
    }
  });
}
