import { NEW_CHAT_COMMAND, RUN_DEFAULT_PROMPT_COMMAND } from '../setup/keyboardShortcuts';
import type { AppStore } from '../store/makeStore';
import { openSidePanel } from './sidePanel';
import { runPromptOnPage, startChatOnPage } from './runOnPage';

export { NEW_CHAT_COMMAND, RUN_DEFAULT_PROMPT_COMMAND };

/**
 * Background only. The keyboard commands (the panel's own shortcut, `_execute_action`, is the
 * browser's). Both open the panel in the gesture and work on the tab's reported selection:
 * - run-default-prompt runs the default prompt on it;
 * - new-chat-on-selection starts a plain chat with the selection attached (nothing is sent until
 *   the user writes); with nothing selected, an empty chat.
 */
export function installKeyboardCommand(store: AppStore) {
  chrome.commands.onCommand.addListener((command, tab) => {
    if (command !== RUN_DEFAULT_PROMPT_COMMAND && command !== NEW_CHAT_COMMAND) return;
    openSidePanel(tab?.id, tab?.windowId);
    const state = store.getState();
    const reported = state.page.tabId === tab?.id ? state.page : null;
    const selection = reported?.selection ?? '';
    const page = {
      tabId: tab?.id ?? null,
      title: tab?.title ?? reported?.title ?? '',
      url: tab?.url ?? reported?.url ?? '',
      selection,
    };
    if (command === NEW_CHAT_COMMAND) void startChatOnPage(store, page);
    else void runPromptOnPage(store, state.prompts.defaultPromptId, page);
  });
}
