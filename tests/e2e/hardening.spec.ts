import { test, expect, selectText } from './support/extensionFixture';
import { contentScriptWorld, stopServiceWorkers } from './support/contentScriptWorld';
import { ARTICLE_TEXT } from './support/pageServer';
import { SidePanelPage } from './support/sidePanelPage';
import type { WorkerGlobals } from './support/workerGlobals';

test('a content script can neither dispatch into the store nor read it, and receives no conversation', async ({
  context,
  worker,
  openPanel,
  useLocalProvider,
  openArticle,
}) => {
  await useLocalProvider('echo');
  const article = await openArticle(false);
  const world = await contentScriptWorld(context, article);

  // Listen, in the content-script world, to everything the extension sends there.
  await world.evaluate(`(globalThis.__received = [], chrome.runtime.onMessage.addListener((m) => { globalThis.__received.push(JSON.stringify(m)); }), true)`);

  // Try to change a provider through the store bridge, as a page of the extension would.
  const dispatchAnswer = await world.evaluate<string>(`new Promise((resolve) => chrome.runtime.sendMessage(
      { type: 'webext.dispatch', channelName: 'flowbar.store', payload: { type: 'cmd/providers/save', payload: { id: 'evil', name: 'Evil', baseURL: 'https://evil.example/v1', defaultModel: 'x' } } },
      (response) => resolve(JSON.stringify({ response, error: chrome.runtime.lastError && chrome.runtime.lastError.message }))))`);
  expect(dispatchAnswer).not.toContain('"value"');
  const fetchAnswer = await world.evaluate<string>(`new Promise((resolve) => chrome.runtime.sendMessage(
      { type: 'webext.fetch_state', channelName: 'flowbar.store' },
      (response) => resolve(JSON.stringify({ response: response ?? null }))))`);
  expect(fetchAnswer).toBe('{"response":null}');
  const providers = await worker.evaluate(() => Object.keys((globalThis as unknown as WorkerGlobals).flowbar.store.getState().providers.byId));
  expect(providers).not.toContain('evil');
  const logs = await worker.evaluate(() =>
    (globalThis as unknown as WorkerGlobals).flowbar.store.getState().logs.entries.map((e: { message: string }) => e.message),
  );
  expect(logs.join('\n')).toMatch(/Refused/);

  // A whole run happens; none of it reaches the page's content-script world.
  await selectText(article, '#lead');
  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize');
  await panel.waitUntilIdle();
  await panel.send('secret follow-up about pelicans');
  await expect(panel.conversation).toContainText('You said: secret follow-up about pelicans');
  const received = await world.evaluate<string[]>('globalThis.__received');
  expect(received.join('\n')).not.toContain('pelicans');
  expect(received.join('\n')).not.toContain('Summarize this text');
});

test('a content script receives no store message at all, not even the whole state a restarted worker posts to every tab', async ({
  context,
  worker,
  openPanel,
  openArticle,
}) => {
  const article = await openArticle(false);
  const world = await contentScriptWorld(context, article);
  await world.evaluate(
    // webext-redux's messages carry the channel; Flowbar's patches are `{ fbp: [...] }` (lib/bridge/bridgeProtocol.ts)
    `(globalThis.__store = [], chrome.runtime.onMessage.addListener((m) => { if (m && (m.channelName === 'flowbar.store' || 'fbp' in m)) globalThis.__store.push(String(m.type ?? 'fbp')); }), true)`,
  );
  const panel = await openPanel();
  await expect(panel.getByRole('combobox', { name: 'Prompt' })).toBeVisible();

  // The worker stops; the panel's presence port wakes a new one, which wraps its store at start.
  const startedBefore = await worker.evaluate(() => performance.timeOrigin);
  await stopServiceWorkers(context, panel);
  await expect
    .poll(
      async () => {
        for (const w of context.serviceWorkers()) {
          const origin = await w.evaluate(() => ((globalThis as any).flowbar?.store.getState().app.hydrated ? performance.timeOrigin : 0)).catch(() => 0);
          if (origin > startedBefore) return true;
        }
        return false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await article.waitForTimeout(1500);
  expect(await world.evaluate<string[]>('globalThis.__store')).toEqual([]);

  // The listener does hear what is sent to the tab (the check above is not vacuous).
  const restarted = context.serviceWorkers().at(-1)!;
  await restarted.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await chrome.tabs.sendMessage(tab.id!, { channelName: 'flowbar.store', type: 'probe' }).catch(() => undefined);
  }, article.url());
  await expect.poll(() => world.evaluate<string[]>('globalThis.__store')).toEqual(['probe']);
});

test("a web page's own scripts cannot reach the extension", async ({ extensionId, openArticle }) => {
  const article = await openArticle(false);
  const reach = await article.evaluate(async (id) => {
    const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
    if (!runtime?.sendMessage) return 'no runtime';
    try {
      await (runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(id, { type: 'webext.fetch_state', channelName: 'flowbar.store' });
      return 'reached';
    } catch (error) {
      return `refused: ${String(error)}`;
    }
  }, extensionId);
  expect(reach).not.toBe('reached');
});

test('model output cannot run script, load images or carry javascript: links in the panel', async ({ pages, openPanel, useLocalProvider, openArticle }) => {
  await useLocalProvider('echo');
  await openArticle();
  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Explain');
  await panel.waitUntilIdle();

  // `echo` answers "You said: <the message>", so the hostile text comes back as model output.
  const hostile = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=2</script>',
    '[click me](javascript:window.__pwned=3)',
    `![beacon](${pages.url}/beacon.png)`,
    '<iframe src="https://example.com"></iframe>',
    '<a href="https://example.com" onclick="window.__pwned=4">ok link</a>',
  ].join(' ');
  await panel.send(hostile);
  const answer = panel.conversation.locator('.markdown').last();
  await expect(answer).toContainText('ok link');
  await panel.page
    .getByText('click me')
    .last()
    .click({ force: true })
    .catch(() => undefined);
  await answer
    .locator('a', { hasText: 'ok link' })
    .dispatchEvent('click')
    .catch(() => undefined);

  expect(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(answer.locator('img, script, iframe')).toHaveCount(0);
  const hrefs = await answer.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.every((h) => !h.startsWith('javascript:'))).toBe(true);
  expect(pages.requested).not.toContain('/beacon.png');
});

test('a worker stopped mid-stream: the panel reconnects, keeps the partial answer marked interrupted, and Retry works', async ({
  context,
  llm,
  openPanel,
  useLocalProvider,
  openArticle,
}) => {
  await useLocalProvider('slow-150-40');
  await openArticle();
  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize');
  // Well into the answer: pieces of it are saved.
  await expect(panel.page.getByRole('tabpanel')).toContainText('word70', { timeout: 20_000 });

  await stopServiceWorkers(context, panel.page);

  // The panel wakes a new worker, whose store was rebuilt from the database.
  const alert = panel.page.getByRole('tabpanel').getByRole('alert');
  await expect(alert).toContainText(/interrupted/i, { timeout: 20_000 });
  await expect(panel.conversation).toContainText('word1');
  await expect(panel.conversation).toContainText(/interrupted/i);
  await expect(panel.button('Stop')).toHaveCount(0);

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (baseURL) => {
    const { store } = (globalThis as unknown as WorkerGlobals).flowbar;
    await store.dispatch({ type: 'cmd/providers/save', payload: { id: 'ollama', name: 'Local test LLM', baseURL, defaultModel: 'echo' }, _sender: {} });
  }, llm.url);
  await panel.button('Retry').click();
  await panel.waitUntilIdle();
  await expect(panel.conversation).toContainText(`You said:`);
  await expect(panel.conversation).toContainText(ARTICLE_TEXT.slice(0, 30));
});
