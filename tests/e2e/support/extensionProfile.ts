import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_PATH, extensionLaunchArgs } from '../../support/chromiumLaunch.mjs';
import { EXTENSION_DIR } from './extensionFixture';

// A browser profile of its own with the built extension, for tests with several users at once
// (each a separate launchPersistentContext: its own IndexedDB, its own service worker). The same
// steps as extensionFixture.ts's fixtures, as a function a test can call more than once.

export interface ExtensionProfile {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  openPanel(): Promise<Page>;
  openOptions(): Promise<Page>;
  /** points the default provider at the local LLM server */
  useLocalProvider(baseURL: string, model?: string): Promise<void>;
  /** a command as a page would send it (validated by the command gate): for setting up, not for what the test checks */
  command<T = unknown>(type: string, payload: unknown): Promise<T>;
  /** the team slice of the worker's store */
  team(): Promise<{ connected: boolean; status: string; queuedRuns: number; orgs: { id: string; name: string }[] }>;
  close(): Promise<void>;
}

export async function launchExtensionProfile(): Promise<ExtensionProfile> {
  const context = await chromium.launchPersistentContext('', { executablePath: CHROMIUM_PATH, headless: true, args: extensionLaunchArgs(EXTENSION_DIR) });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async () => {
    const deadline = Date.now() + 15_000;
    const flowbar = () => (globalThis as unknown as { flowbar?: { store: { getState(): { app: { hydrated: boolean } } } } }).flowbar;
    while (!flowbar()?.store.getState().app.hydrated) {
      if (Date.now() > deadline) throw new Error('the store did not hydrate');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  const extensionId = new URL(worker.url()).host;
  const command = <T>(type: string, payload: unknown) =>
    worker.evaluate(
      async ({ type, payload }) => {
        const { store } = (globalThis as unknown as { flowbar: { store: { dispatch(a: unknown): Promise<{ payload: unknown }> } } }).flowbar;
        return (await store.dispatch({ type, payload, _sender: {} })).payload;
      },
      { type, payload },
    ) as Promise<T>;
  return {
    context,
    worker,
    extensionId,
    async openPanel() {
      const url = `chrome-extension://${extensionId}/sidepanel.html`;
      const [page] = await Promise.all([
        context.waitForEvent('page', (p) => p.url() === url),
        worker.evaluate((url) => chrome.windows.create({ url, type: 'popup', width: 420, height: 900 }).then(() => undefined), url),
      ]);
      await page.waitForLoadState();
      return page;
    },
    async openOptions() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    },
    async useLocalProvider(baseURL, model = 'echo') {
      await command('cmd/providers/save', { id: 'ollama', name: 'Local test LLM', baseURL, defaultModel: model });
    },
    command,
    team: () =>
      worker.evaluate(() => {
        const { store } = (globalThis as unknown as { flowbar: { store: { getState(): { team: never } } } }).flowbar;
        return store.getState().team;
      }),
    close: () => context.close(),
  };
}
