import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import path from 'node:path';
import { CHROMIUM_PATH, extensionLaunchArgs } from '../../support/chromiumLaunch.mjs';
import { startFakeLlmServer } from '../../support/fakeLlmServer.mjs';
import { startPageServer, type PageServer } from './pageServer';

// One fixture for every browser test: Debian's Chromium with the built extension loaded in a
// fresh profile, the extension's id, its service worker, a local LLM server and a page server.

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const CHROMIUM = CHROMIUM_PATH;

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
    const context = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      headless: true,
      args: extensionLaunchArgs(EXTENSION_DIR),
    });
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(async () => {
      const deadline = Date.now() + 15_000;
      const flowbar = () => (globalThis as unknown as { flowbar?: { store: { getState(): { app: { hydrated: boolean } } } } }).flowbar;
      while (!flowbar()?.store.getState().app.hydrated) {
        if (Date.now() > deadline) throw new Error('the store did not hydrate');
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  openPanel: async ({ context, extensionId, worker }, use) => {
    await use(async () => {
      // In a window of its own, as the real side panel is no tab of the browser window: the page
      // the user reads stays the active tab of the last focused normal window, the only tab whose
      // selection counts (lib/background/frontPage.ts).
      const url = `chrome-extension://${extensionId}/sidepanel.html`;
      const [page] = await Promise.all([
        context.waitForEvent('page', (p) => p.url() === url),
        worker.evaluate((url) => chrome.windows.create({ url, type: 'popup', width: 420, height: 900 }).then(() => undefined), url),
      ]);
      await page.waitForLoadState();
      return page;
    });
  },
  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },
  useLocalProvider: async ({ worker, llm }, use) => {
    await use(async (model = 'echo', apiKey) => {
      await worker.evaluate(
        async ({ baseURL, model, apiKey }) => {
          const { store } = (globalThis as unknown as { flowbar: { store: { dispatch(a: unknown): Promise<unknown> } } }).flowbar;
          // `_sender` makes the engine treat it as a command from a page, through its validation.
          await store.dispatch({
            type: 'cmd/providers/save',
            payload: { id: 'ollama', name: 'Local test LLM', baseURL, defaultModel: model, apiKey },
            _sender: {},
          });
        },
        { baseURL: llm.url, model, apiKey },
      );
    });
  },
});

export const expect = test.expect;

/** Selects the text of the element matching `selector` in a page, as a user dragging over it would. */
export async function selectText(page: Page, selector: string): Promise<void> {
  await page.locator(selector).evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
}
