import type { Store } from '@reduxjs/toolkit';
import { addLog } from '../logs/logsSlice';
import { PAGE_CONTEXT_MESSAGE, pageContextMessage } from '../messaging/pageContextMessage';
import { pageContextReported } from '../page/pageSlice';
import { isFrontPageReport, queryFrontTab, type FrontTab } from './frontPage';

/**
 * Background only. Takes the page facts content scripts report, from the page in front of the user
 * only (see frontPage.ts); anything else they send is refused.
 */
export function listenForPageContext(store: Store, frontTab: () => Promise<FrontTab | null> = queryFrontTab) {
  // One log line per tab that keeps reporting from behind, not one per report.
  let lastIgnoredTabId: number | null = null;
  chrome.runtime.onMessage.addListener((message: unknown, sender) => {
    if ((message as { type?: unknown } | null)?.type !== PAGE_CONTEXT_MESSAGE) return undefined;
    const parsed = pageContextMessage.safeParse(message);
    if (sender.id !== chrome.runtime.id || !sender.tab?.id || !parsed.success) {
      store.dispatch(addLog({ level: 'warn', message: 'Refused a malformed page-context message.' }));
      return undefined;
    }
    const tabId = sender.tab.id;
    void frontTab().then((front) => {
      if (!isFrontPageReport(sender, chrome.runtime.id, front)) {
        if (lastIgnoredTabId !== tabId)
          store.dispatch(addLog({ level: 'info', message: `Ignored a selection from a tab that is not in front (${hostForLog(parsed.data.url)}).` }));
        lastIgnoredTabId = tabId;
        return;
      }
      lastIgnoredTabId = null;
      store.dispatch(pageContextReported({ tabId, title: parsed.data.title, url: parsed.data.url, selection: parsed.data.selection, updatedAt: Date.now() }));
    });
    return undefined;
  });
}

function hostForLog(url: string): string {
  try {
    return new URL(url).host || 'a page without a host';
  } catch {
    return 'a page without a URL';
  }
}
