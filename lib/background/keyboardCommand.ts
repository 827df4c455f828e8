import { NEW_CHAT_COMMAND, RUN_DEFAULT_PROMPT_COMMAND } from '../setup/keyboardShortcuts';
import type { AppStore } from '../store/makeStore';
import { openSidePanel } from './sidePanel';
import { runPromptOnPage } from './runOnPage';

export { NEW_CHAT_COMMAND, RUN_DEFAULT_PROMPT_COMMAND };

/**
 * Background only. The keyboard commands (the panel's own shortcut, `_execute_action`, is the
 * browser's). Both open the panel in the gesture and work on the tab's reported selection:
 * - run-default-prompt runs the default prompt on it;
 * - new-chat-on-selection starts a new conversation on it. Until plain chat exists that is the
 *   default prompt too; with nothing selected it only opens the panel (nothing to start on).
 */
export function installKeyboardCommand(store: AppStore) {
  chrome.commands.onCommand.addListener((command, tab) => {
    if (command !== RUN_DEFAULT_PROMPT_COMMAND && command !== NEW_CHAT_COMMAND) return;
    openSidePanel(tab?.id, tab?.windowId);
    const state = store.getState();
    const reported = state.page.tabId === tab?.id ? state.page : null;
    const selection = reported?.selection ?? '';
    if (command === NEW_CHAT_COMMAND && !selection.trim()) return;
    void runPromptOnPage(store, state.prompts.defaultPromptId, {
      tabId: tab?.id ?? null,
      title: tab?.title ?? reported?.title ?? '',
      url: tab?.url ?? reported?.url ?? '',
      selection,
    });
  });
}
