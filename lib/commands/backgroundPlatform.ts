import type { PageText } from '../page/pageText';
import type { ShortcutInfo } from '../setup/keyboardShortcuts';

/** What command handlers need from the browser, so they run in tests without one. */
export interface BackgroundPlatform {
  /** the main text of a tab's page: the article (Readability), a PDF's text (pdf.js) or a video's transcript */
  extractPageText(tabId: number): Promise<PageText>;
  /** called when the provider list changes (local providers get their Origin header rule) */
  providersChanged(): void;
  /** the extension's keyboard shortcuts as the browser has them now (the user may have changed them) */
  listShortcuts(): Promise<ShortcutInfo[]>;
}
