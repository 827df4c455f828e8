import { test, expect, selectText } from './support/extensionFixture';
import { ARTICLE_TEXT } from './support/pageServer';

test('the content script reports the selection to the background store', async ({ context, worker, pages }) => {
  const page = await context.newPage();
  await page.goto(`${pages.url}/article.html`);
  await selectText(page, '#lead');
  await expect
    .poll(() => worker.evaluate(() => (globalThis as any).flowbar.store.getState().page.selection as string))
    .toBe(ARTICLE_TEXT);
  const title = await worker.evaluate(() => (globalThis as any).flowbar.store.getState().page.title as string);
  expect(title).toBe('Plants and light');
});
