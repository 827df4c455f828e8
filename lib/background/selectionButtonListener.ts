import { addLog } from '../logs/logsSlice';
import { pageContextReported } from '../page/pageSlice';
import { selectionButtonClick } from '../selectionButton/selectionButtonMessage';
import { SELECTION_BUTTON_CLICK, SELECTION_BUTTON_ENABLED_QUERY, type SelectionButtonEnabledAnswer } from '../selectionButton/selectionButtonProtocol';
import { selectionButtonEnabledFor } from '../selectionButton/siteSetting';
import type { AppStore } from '../store/makeStore';
import { isFrontPageReport, queryFrontTab, type FrontTab } from './frontPage';
import { openSidePanel } from './sidePanel';

/**
 * Background only. The selection button's two messages, from Flowbar's own content scripts in a
 * tab's top frame only:
 * - `flowbar/selection-button-enabled?` is answered from the settings, for the host of the asking
 *   frame's own URL (the sender's URL as the browser gives it, never a URL in the message);
 * - `flowbar/selection-button-click` opens the side panel at once, in the click's user gesture
 *   (Chrome carries the gesture of a content script's click through runtime.sendMessage as long as
 *   sidePanel.open is called synchronously in the listener), then readies the selection, under
 *   the same front-page rule as every page report.
 */
export function listenForSelectionButton(store: AppStore, frontTab: () => Promise<FrontTab | null> = queryFrontTab) {
  const enabledFor = (url: string) => selectionButtonEnabledFor(url, store.getState().settings.selectionButton);
  const fromOwnTopFrame = (sender: chrome.runtime.MessageSender) =>
    sender.id === chrome.runtime.id && sender.tab?.id !== undefined && (sender.frameId ?? 0) === 0 && typeof sender.url === 'string';

  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (answer: SelectionButtonEnabledAnswer) => void) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === SELECTION_BUTTON_ENABLED_QUERY) {
      if (!fromOwnTopFrame(sender)) {
        sendResponse({ enabled: false });
        return undefined;
      }
      const url = sender.url!;
      if (store.getState().app.hydrated) {
        sendResponse({ enabled: enabledFor(url) });
        return undefined;
      }
      // The worker just woke: answer from the saved settings, not the defaults.
      const unsubscribe = store.subscribe(() => {
        if (!store.getState().app.hydrated) return;
        unsubscribe();
        sendResponse({ enabled: enabledFor(url) });
      });
      return true;
    }
    if (type !== SELECTION_BUTTON_CLICK) return undefined;

    const parsed = selectionButtonClick.safeParse(message);
    if (!fromOwnTopFrame(sender) || !parsed.success) {
      store.dispatch(addLog({ level: 'warn', message: 'Refused a malformed selection-button message.' }));
      return undefined;
    }
    // The button's setting is checked against the sender's own URL: a page where it is off gets nothing.
    if (!enabledFor(sender.url!)) return undefined;
    const tab = sender.tab!;
    openSidePanel(tab.id, tab.windowId); // synchronously: the gesture does not survive an await
    void frontTab().then((front) => {
      if (!isFrontPageReport(sender, chrome.runtime.id, front)) {
        store.dispatch(addLog({ level: 'info', message: 'Ignored a selection-button click from a tab that is not in front.' }));
        return;
      }
      store.dispatch(
        pageContextReported({ tabId: tab.id!, title: parsed.data.title, url: parsed.data.url, selection: parsed.data.selection, updatedAt: Date.now() }),
      );
    });
    return undefined;
  });
}
