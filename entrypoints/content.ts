import { MAX_SELECTION_CHARS, PAGE_CONTEXT_MESSAGE, type PageContextMessage } from '@/lib/messaging/pageContextProtocol';
import { createSelectionButton } from '@/lib/selectionButton/selectionButton';
import { SELECTION_BUTTON_ENABLED_QUERY, type SelectionButtonEnabledAnswer } from '@/lib/selectionButton/selectionButtonProtocol';

// Runs on every page, so it stays tiny (vanilla DOM): it tells the background what the user
// selected, and on which page, and shows the selection button. It never receives the store, keys
// or conversations (it has no message listener; the only answer it reads is the button's on/off).

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main() {
    let lastSent: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const button = createSelectionButton((message) => {
      browser.runtime.sendMessage(message).catch(() => undefined);
    });
    // The background answers for this tab's own host; asked again whenever the tab comes back to
    // the front, so a change in the options page holds on the next selection.
    const askEnabled = () => {
      browser.runtime
        .sendMessage({ type: SELECTION_BUTTON_ENABLED_QUERY })
        .then((answer: SelectionButtonEnabledAnswer | undefined) => button.setEnabled(answer?.enabled === true))
        .catch(() => button.setEnabled(false));
    };

    const report = () => {
      button.update();
      const selection = (window.getSelection()?.toString() ?? '').slice(0, MAX_SELECTION_CHARS);
      const message: PageContextMessage = { type: PAGE_CONTEXT_MESSAGE, title: document.title.slice(0, 2000), url: location.href.slice(0, 10_000), selection };
      const key = `${message.url}\n${message.title}\n${selection}`;
      if (key === lastSent) return;
      lastSent = key;
      browser.runtime.sendMessage(message).catch(() => {
        lastSent = null; // the worker was asleep or reloading: send again next time
      });
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(report, 200);
    };

    // The background takes reports only from the tab in front, so a tab reports again when it comes
    // to the front (a switch of tabs shows it; a switch of windows focuses it).
    const again = () => {
      lastSent = null;
      askEnabled();
      soon();
    };
    askEnabled();
    document.addEventListener('selectionchange', soon);
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') again();
    });
  },
});
