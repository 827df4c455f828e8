import type { AppStore } from '../store/makeStore';
import { openSidePanel } from './sidePanel';
import { runPromptOnPage } from './runOnPage';

export const RUN_DEFAULT_PROMPT_COMMAND = 'run-default-prompt';

/** Background only. The keyboard shortcut runs the default prompt on the tab's reported selection. */
export function installKeyboardCommand(store: AppStore) {
  chrome.commands.onCommand.addListener((command, tab) => {
    if (command !== RUN_DEFAULT_PROMPT_COMMAND) return;
    openSidePanel(tab?.id, tab?.windowId);
    const state = store.getState();
    const reported = state.page.tabId === tab?.id ? state.page : null;
    void runPromptOnPage(store, state.prompts.defaultPromptId, {
      tabId: tab?.id ?? null,
      title: tab?.title ?? reported?.title ?? '',
      url: tab?.url ?? reported?.url ?? '',
      selection: reported?.selection ?? '',
    });
  });
}
