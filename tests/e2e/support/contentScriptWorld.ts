import type { BrowserContext, Page } from '@playwright/test';

/**
 * Runs code inside the extension's content-script world of a page (its isolated world), through
 * the DevTools protocol: what a content script, or code that took it over, could do.
 */
export async function contentScriptWorld(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let world: (typeof contexts)[number] | undefined;
  while (!(world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Flowbar'))) {
    if (Date.now() > deadline) throw new Error(`no Flowbar content-script world among ${JSON.stringify(contexts.map((c) => c.name))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const contextId = world.id;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const result = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
      if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      return result.result.value as T;
    },
  };
}

/** Stops the extension's service worker as Chrome does when it deems it idle. */
export async function stopServiceWorkers(context: BrowserContext, extensionPage: Page) {
  const cdp = await context.newCDPSession(extensionPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}
