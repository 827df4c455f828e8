import type { BackgroundPlatform } from '../commands/backgroundPlatform';
import type { AppStore } from '../store/makeStore';
import { applyLocalOriginRules } from '../providers/localOriginRules';
import { describeShortcuts } from '../setup/keyboardShortcuts';

/** Background only. The browser behind the command handlers. */
export function createChromePlatform(getStore: () => AppStore): BackgroundPlatform {
  return {
    async extractPageText(tabId) {
      // The Readability extractor is injected only when asked for, so the content script stays small.
      const [result] = await chrome.scripting.executeScript({ target: { tabId }, files: ['/extract-page.js'] });
      const page = result?.result as { title?: string; url?: string; text?: string } | undefined;
      if (!page) throw new Error('Flowbar cannot read this page (browser pages and the web store are off limits).');
      return { title: page.title ?? '', url: page.url ?? '', text: page.text ?? '' };
    },
    async listShortcuts() {
      return describeShortcuts(chrome.commands ? await chrome.commands.getAll() : []);
    },
    providersChanged() {
      const { byId, order } = getStore().getState().providers;
      void applyLocalOriginRules(order.map((id) => byId[id])).catch(() => undefined);
    },
  };
}
