import { test, expect } from './support/extensionFixture';
import { ARTICLE_TEXT } from './support/pageServer';
import type { WorkerGlobals } from './support/workerGlobals';

test('the content script reports the selection to the background store', async ({ worker, openArticle }) => {
  await openArticle();
  await expect.poll(() => worker.evaluate(() => (globalThis as unknown as WorkerGlobals).flowbar.store.getState().page.selection)).toBe(ARTICLE_TEXT);
  const title = await worker.evaluate(() => (globalThis as unknown as WorkerGlobals).flowbar.store.getState().page.title);
  expect(title).toBe('Plants and light');
});
