import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { MAX_SELECTION_CHARS, PAGE_CONTEXT_MESSAGE, type PageContextMessage } from '@/lib/messaging/pageContextProtocol';

/**
 * Content scripts do not run on extension pages, so the welcome page reports its own selection,
 * the way entrypoints/content.ts does on web pages: the shortcut and the panel then see the sample text.
 */
export function useReportSelection() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      const message: PageContextMessage = {
        type: PAGE_CONTEXT_MESSAGE,
        title: document.title,
        url: location.href,
        selection: (window.getSelection()?.toString() ?? '').slice(0, MAX_SELECTION_CHARS),
      };
      browser.runtime.sendMessage(message).catch(() => undefined);
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(report, 200);
    };
    document.addEventListener('selectionchange', soon);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', soon);
    };
  }, []);
}
