import { instanceFocused } from '../app/appSlice';
import { startChat } from '../execution/thunks/startChatThunk';
import { startPromptInstance } from '../execution/thunks/startInstanceThunk';
import { addLog } from '../logs/logsSlice';
import { MAX_SELECTION_CHARS } from '../messaging/pageContextProtocol';
import { pageContextReported } from '../page/pageSlice';
import type { AppStore } from '../store/makeStore';

export interface PageFacts {
  tabId: number | null;
  title: string;
  url: string;
  selection: string;
}

/** A run started from the context menu or the keyboard: the page's selection, title and URL feed it. */
export async function runPromptOnPage(store: AppStore, promptId: string | null, page: PageFacts): Promise<void> {
  if (!promptId) {
    store.dispatch(addLog({ level: 'warn', message: 'No default prompt is set: choose one in Options → Prompts.' }));
    return;
  }
  // The menu's selection is not cut by the content script: cut it the same way.
  page = { ...page, selection: page.selection.slice(0, MAX_SELECTION_CHARS) };
  store.dispatch(pageContextReported({ ...page, updatedAt: Date.now() }));
  try {
    const instanceId = await store.dispatch(startPromptInstance({ promptId, page, sourceType: 'prompt' })).unwrap();
    store.dispatch(instanceFocused(instanceId));
  } catch (error) {
    store.dispatch(addLog({ level: 'error', message: `Could not start the prompt: ${error instanceof Error ? error.message : String(error)}` }));
  }
}

/**
 * The keyboard's new chat: a plain chat with the page's selection attached (a `selection`
 * resource, shown in the panel, sent with the user's first message); nothing is sent until the
 * user writes. With nothing selected it is an empty chat.
 */
export async function startChatOnPage(store: AppStore, page: PageFacts): Promise<string | null> {
  page = { ...page, selection: page.selection.slice(0, MAX_SELECTION_CHARS) };
  try {
    const instanceId = await store.dispatch(startChat({ page })).unwrap();
    store.dispatch(instanceFocused(instanceId));
    return instanceId;
  } catch (error) {
    store.dispatch(addLog({ level: 'error', message: `Could not start a chat: ${error instanceof Error ? error.message : String(error)}` }));
    return null;
  }
}
