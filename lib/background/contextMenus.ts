import type { AppStore } from '../store/makeStore';
import { openSidePanel } from './sidePanel';
import { runPromptOnPage } from './runOnPage';

// Background only. "Run with Flowbar" on a selection, with the user's prompts as sub-items,
// rebuilt whenever the library changes.

const PARENT_ID = 'flowbar-run';
const PROMPT_PREFIX = 'flowbar-prompt:';

export function installContextMenus(store: AppStore) {
  let shown: unknown = null;
  const rebuild = () => {
    const { byId, order } = store.getState().prompts;
    const entries = order.map((id) => [id, byId[id].name] as const);
    const signature = JSON.stringify(entries);
    if (signature === shown) return;
    shown = signature;
    chrome.contextMenus.removeAll(() => {
      chrome.contextMenus.create({ id: PARENT_ID, title: 'Run with Flowbar', contexts: ['selection'] });
      for (const [id, name] of entries) {
        chrome.contextMenus.create({ id: PROMPT_PREFIX + id, parentId: PARENT_ID, title: name, contexts: ['selection'] });
      }
    });
  };
  store.subscribe(() => {
    if (store.getState().app.hydrated) rebuild();
  });

  chrome.contextMenus.onClicked.addListener((info, tab) => {
    const menuId = String(info.menuItemId);
    if (!menuId.startsWith(PROMPT_PREFIX)) return;
    openSidePanel(tab?.id, tab?.windowId);
    void runPromptOnPage(store, menuId.slice(PROMPT_PREFIX.length), {
      tabId: tab?.id ?? null,
      title: tab?.title ?? '',
      url: tab?.url ?? info.pageUrl ?? '',
      selection: info.selectionText ?? '',
    });
  });
}
