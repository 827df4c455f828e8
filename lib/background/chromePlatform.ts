import type { BackgroundPlatform } from '../commands/backgroundPlatform';
import type { AppStore } from '../store/makeStore';
import { applyLocalOriginRules } from '../providers/localOriginRules';
import { describeShortcuts } from '../setup/keyboardShortcuts';
import { readTabText } from './readTabText';

/** Background only. The browser behind the command handlers. */
export function createChromePlatform(getStore: () => AppStore): BackgroundPlatform {
  return {
    // The extractor is injected only when asked for, so the content script stays small.
    extractPageText: readTabText,
    async listShortcuts() {
      return describeShortcuts(chrome.commands ? await chrome.commands.getAll() : []);
    },
    providersChanged() {
      const { byId, order } = getStore().getState().providers;
      void applyLocalOriginRules(order.map((id) => byId[id])).catch(() => undefined);
    },
  };
}
