import type { BrowserContext, Page, Worker } from '@playwright/test';
import { dispatchCommand, hydratedWorker, launchWithExtension, openOptionsTab, openPanelWindow, useLocalProviderIn } from './extensionSteps';

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
  const context = await launchWithExtension();
  const worker = await hydratedWorker(context);
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    openPanel: () => openPanelWindow(context, worker),
    openOptions: () => openOptionsTab(context, worker),
    useLocalProvider: (baseURL, model = 'echo') => useLocalProviderIn(worker, baseURL, model),
    command: <T>(type: string, payload: unknown) => dispatchCommand<T>(worker, type, payload),
    team: () =>
      worker.evaluate(() => {
        const { store } = (globalThis as unknown as { flowbar: { store: { getState(): { team: never } } } }).flowbar;
        return store.getState().team;
      }),
    close: () => context.close(),
  };
}
