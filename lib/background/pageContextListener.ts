import type { Store } from '@reduxjs/toolkit';
import { addLog } from '../logs/logsSlice';
import { PAGE_CONTEXT_MESSAGE, pageContextMessage } from '../messaging/pageContextMessage';
import { pageContextReported } from '../page/pageSlice';

/** Background only. Takes the page facts content scripts report; anything else they send is refused. */
export function listenForPageContext(store: Store) {
  chrome.runtime.onMessage.addListener((message: unknown, sender) => {
    if ((message as { type?: unknown } | null)?.type !== PAGE_CONTEXT_MESSAGE) return undefined;
    const parsed = pageContextMessage.safeParse(message);
    if (sender.id !== chrome.runtime.id || !sender.tab?.id || !parsed.success) {
      store.dispatch(addLog({ level: 'warn', message: 'Refused a malformed page-context message.' }));
      return undefined;
    }
    store.dispatch(
      pageContextReported({
        tabId: sender.tab.id,
        title: parsed.data.title,
        url: parsed.data.url,
        selection: parsed.data.selection,
        updatedAt: Date.now(),
      }),
    );
    return undefined;
  });
}
