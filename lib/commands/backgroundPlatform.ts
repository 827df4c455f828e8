/** What command handlers need from the browser, so they run in tests without one. */
export interface BackgroundPlatform {
  /** the main text of a tab's page, extracted with Readability */
  extractPageText(tabId: number): Promise<{ title: string; url: string; text: string }>;
  /** called when the provider list changes (local providers get their Origin header rule) */
  providersChanged(): void;
}
