import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import path from 'node:path';
import { CHROMIUM_PATH, extensionLaunchArgs } from '../../support/chromiumLaunch.mjs';

// The steps every browser test takes with the built extension, shared by the one-profile fixture
// (extensionFixture.ts) and the several-profile tests (extensionProfile.ts).

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');

/** Debian's Chromium with the built extension loaded in a fresh profile. */
export function launchWithExtension(): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', { executablePath: CHROMIUM_PATH, headless: true, args: extensionLaunchArgs(EXTENSION_DIR) });
}

/** The extension's service worker, once its store has hydrated from IndexedDB. */
export async function hydratedWorker(context: BrowserContext): Promise<Worker> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async () => {
    const deadline = Date.now() + 15_000;
    const flowbar = () => (globalThis as unknown as { flowbar?: { store: { getState(): { app: { hydrated: boolean } } } } }).flowbar;
    while (!flowbar()?.store.getState().app.hydrated) {
      if (Date.now() > deadline) throw new Error('the store did not hydrate');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  return worker;
}

/**
 * The side panel, in a popup window of its own (headless Chromium has no side panel UI), as the real
 * side panel is no tab of the browser window: the page the user reads stays the active tab of the last
 * focused normal window, the only tab whose selection counts (lib/background/frontPage.ts).
 */
export async function openPanelWindow(context: BrowserContext, worker: Worker): Promise<Page> {
  const url = `chrome-extension://${new URL(worker.url()).host}/sidepanel.html`;
  const [page] = await Promise.all([
    context.waitForEvent('page', (p) => p.url() === url),
    worker.evaluate((url) => chrome.windows.create({ url, type: 'popup', width: 420, height: 900 }).then(() => undefined), url),
  ]);
  await page.waitForLoadState();
  return page;
}

/** The options page in a new tab. */
export async function openOptionsTab(context: BrowserContext, worker: Worker): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  return page;
}

/** A command as a page would send it: `_sender` makes the engine put it through the command gate's validation. */
export function dispatchCommand<T = unknown>(worker: Worker, type: string, payload: unknown): Promise<T> {
  return worker.evaluate(
    async ({ type, payload }) => {
      const { store } = (globalThis as unknown as { flowbar: { store: { dispatch(a: unknown): Promise<{ payload: unknown }> } } }).flowbar;
      return (await store.dispatch({ type, payload, _sender: {} })).payload;
    },
    { type, payload },
  ) as Promise<T>;
}

/** Points the default provider at a local LLM server. */
export async function useLocalProviderIn(worker: Worker, baseURL: string, model = 'echo', apiKey?: string): Promise<void> {
  await dispatchCommand(worker, 'cmd/providers/save', { id: 'ollama', name: 'Local test LLM', baseURL, defaultModel: model, apiKey });
}

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
