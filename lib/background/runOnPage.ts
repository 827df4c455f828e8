import { instanceFocused } from '../app/appSlice';
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
