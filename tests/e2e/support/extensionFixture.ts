import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { startFakeLlmServer } from '../../support/fakeLlmServer.mjs';
import { hydratedWorker, launchWithExtension, openOptionsTab, openPanelWindow, selectText, useLocalProviderIn } from './extensionSteps';
import { startPageServer, type PageServer } from './pageServer';

// One fixture for every browser test: Debian's Chromium with the built extension loaded in a
// fresh profile, the extension's id, its service worker, a local LLM server and a page server.

export { EXTENSION_DIR, selectText } from './extensionSteps';

type FakeLlm = Awaited<ReturnType<typeof startFakeLlmServer>>;

interface Fixtures {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  llm: FakeLlm;
  pages: PageServer;
  /** the side panel, opened as a popup window (headless Chromium has no side panel UI) */
  openPanel: () => Promise<Page>;
  openOptions: () => Promise<Page>;
  /** the local article page in a new tab, with its lead paragraph selected (or `selector`'s text; none with `false`) */
  openArticle: (selector?: string | false) => Promise<Page>;
  /** points the default provider at the local LLM server */
  useLocalProvider: (model?: string, apiKey?: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring: none
  llm: async ({}, use) => {
    const server = await startFakeLlmServer();
    await use(server);
    await server.close();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring: none
  pages: async ({}, use) => {
    const server = await startPageServer();
    await use(server);
    await server.close();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring: none
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await hydratedWorker(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  openPanel: async ({ context, worker }, use) => {
    await use(() => openPanelWindow(context, worker));
  },
  openOptions: async ({ context, worker }, use) => {
    await use(() => openOptionsTab(context, worker));
  },
  openArticle: async ({ context, pages }, use) => {
    await use(async (selector = '#lead') => {
      const article = await context.newPage();
      await article.goto(`${pages.url}/article.html`);
      if (selector) await selectText(article, selector);
      return article;
    });
  },
  useLocalProvider: async ({ worker, llm }, use) => {
    await use((model = 'echo', apiKey) => useLocalProviderIn(worker, llm.url, model, apiKey));
  },
});

export const expect = test.expect;
