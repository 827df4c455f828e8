import type { Page, Worker } from '@playwright/test';
import { test, expect, selectText } from './support/extensionFixture';
import { ARTICLE_TEXT } from './support/pageServer';

// The button at the selection, as a user meets it on a local page: it appears beside selected
// text, its click opens the side panel (in the click's gesture) with that selection ready and the
// pinned prompts first; it stays out of fields; Escape hides it; the options page turns it off.

const HOST = 'flowbar-selection-button';

type FlowbarGlobal = { flowbar: { store: { getState(): { page: { selection: string; url: string } }; dispatch(action: unknown): unknown } } };

/** Records every chrome.sidePanel.open call in the worker, with how it ended. */
async function recordSidePanelOpens(worker: Worker) {
  await worker.evaluate(() => {
    const calls: { options: unknown; outcome: string }[] = [];
    (globalThis as unknown as { sidePanelOpens: typeof calls }).sidePanelOpens = calls;
    const open = chrome.sidePanel.open.bind(chrome.sidePanel);
    chrome.sidePanel.open = (options: chrome.sidePanel.OpenOptions) => {
      const call = { options, outcome: 'pending' };
      calls.push(call);
      return open(options).then(
        () => void (call.outcome = 'opened'),
        (error: unknown) => {
          call.outcome = `rejected: ${error instanceof Error ? error.message : String(error)}`;
          throw error;
        },
      );
    };
  });
  return () => worker.evaluate(() => (globalThis as unknown as { sidePanelOpens: { options: { tabId?: number }; outcome: string }[] }).sidePanelOpens);
}

const storeSelection = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as FlowbarGlobal).flowbar.store.getState().page.selection);

/** Clicks the button where the user sees it (a closed shadow root: no locator reaches inside). */
async function clickButton(page: Page) {
  const box = await page.locator(HOST).boundingBox();
  if (!box) throw new Error('the selection button has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Selects a word in a field as a user does, by double-clicking it. */
async function doubleClickWordIn(page: Page, selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  await page.mouse.dblclick(box.x + 12, box.y + box.height / 2);
}

/** The button does not show within a while (the content script updates 200 ms after a selection change). */
async function expectNoButton(page: Page) {
  await page.waitForTimeout(700);
  await expect(page.locator(HOST)).toHaveCount(0);
}

test('select text, the button appears beside it; its click opens the panel with that selection and the pinned prompts first', async ({
  context,
  pages,
  worker,
  openPanel,
  openOptions,
}) => {
  // The user pins a prompt in the options page.
  const options = await openOptions();
  const translate = options.getByRole('list', { name: 'Prompts' }).getByRole('listitem').filter({ hasText: 'Translate' });
  await translate.getByRole('button', { name: 'Pin' }).click();
  await expect(translate.getByText('Pinned', { exact: true })).toBeVisible();
  await options.close();

  const page = await context.newPage();
  await page.goto(`${pages.url}/selection.html`);
  const opens = await recordSidePanelOpens(worker);

  await selectText(page, '#lead');
  const host = page.locator(HOST);
  await expect(host).toHaveCount(1);
  // Beside the selection: just after the end of its last line, despite the page's rules hiding buttons.
  const lead = (await page.locator('#lead').boundingBox())!;
  const box = (await host.boundingBox())!;
  expect(box.width).toBe(28);
  expect(box.y).toBeGreaterThan(lead.y);
  expect(box.y).toBeLessThan(lead.y + lead.height + 40);
  expect(await host.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');

  // The page's own script finds a bare element: no shadow root to open, no button, no text.
  const probe = await page.evaluate(() => (window as unknown as { probeButton(): Record<string, unknown> }).probeButton());
  expect(probe).toEqual({ present: true, shadowRoot: null, children: 0, buttons: 0, text: '', reattached: false });

  // Something else now fills the store's page selection, so only the click can bring this one back.
  await worker.evaluate(() =>
    (globalThis as unknown as FlowbarGlobal).flowbar.store.dispatch({
      type: 'page/pageContextReported',
      payload: { tabId: null, title: 'Elsewhere', url: 'http://elsewhere.test/', selection: 'other text', updatedAt: Date.now() },
    }),
  );
  expect(await storeSelection(worker)).toBe('other text');

  await clickButton(page);
  await expect.poll(() => storeSelection(worker)).toBe(ARTICLE_TEXT);
  await expect(host).toHaveCount(0); // the click hides it
  // The background asked Chrome to open the side panel for this tab, inside the click's gesture:
  // had the gesture been lost on the way, Chrome would reject with "may only be called in response to a user gesture".
  await expect.poll(async () => (await opens()).map((c) => c.outcome)).not.toContain('pending');
  const calls = await opens();
  expect(calls).toHaveLength(1);
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url());
  expect(calls[0].options).toEqual({ tabId });
  expect(calls[0].outcome).toBe('opened');
  // The control: this Chromium does enforce the gesture; the same call without one is refused.
  const withoutGesture = await worker.evaluate(
    (tabId) =>
      chrome.sidePanel.open({ tabId: tabId! }).then(
        () => 'opened',
        (error: Error) => error.message,
      ),
    tabId,
  );
  expect(withoutGesture).toContain('user gesture');

  // The panel (a page here: headless Chromium has no side panel UI) has the selection ready and the pinned prompt first.
  const panel = await openPanel();
  await expect(panel.getByRole('group', { name: 'Current page' })).toContainText(ARTICLE_TEXT.slice(0, 40));
  await expect(panel.getByRole('group', { name: 'Current page' })).toContainText('Fields and text');
  const picker = panel.getByRole('combobox', { name: 'Prompt' });
  await expect(picker.locator('option').first()).toHaveText('Translate');
  await expect(picker.locator('optgroup').first()).toHaveAttribute('label', 'Pinned');
});

test('no button in a password field, a textarea or an editable region; Escape hides it', async ({ context, pages, worker }) => {
  const page = await context.newPage();
  await page.goto(`${pages.url}/selection.html`);
  const host = page.locator(HOST);

  // Plain text: the button shows (so the page and the setting allow it).
  await selectText(page, 'h1');
  await expect(host).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(host).toHaveCount(0);
  await expectNoButton(page); // and it stays hidden for that selection

  await doubleClickWordIn(page, '#password');
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).selectionEnd)).toBeGreaterThan(0);
  await expectNoButton(page);

  await doubleClickWordIn(page, '#notes');
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLTextAreaElement).selectionEnd)).toBeGreaterThan(0);
  await expectNoButton(page);

  await doubleClickWordIn(page, '#editor');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString().trim() ?? '')).not.toBe('');
  await expectNoButton(page);

  // A click elsewhere hides it too.
  await page.mouse.click(5, 5);
  await selectText(page, '#lead');
  await expect(host).toHaveCount(1);
  await page.mouse.click(5, 5);
  await expect(host).toHaveCount(0);
  expect(await storeSelection(worker)).not.toContain('hunter2');
});

test('no button on a site turned off in the options page, nor anywhere when it is off for all sites', async ({ context, pages, openOptions }) => {
  const page = await context.newPage();
  await page.goto(`${pages.url}/selection.html`);
  await selectText(page, '#lead');
  await expect(page.locator(HOST)).toHaveCount(1);

  const options = await openOptions();
  const section = options.getByRole('region', { name: 'Selection button' });
  await section.getByRole('textbox', { name: 'Turn it off on a site' }).fill(`${pages.url}/selection.html`);
  await section.getByRole('button', { name: 'Turn off on this site' }).click();
  await expect(section.getByRole('status')).toHaveText('The button is now off on 127.0.0.1 and its subdomains.');
  await expect(section.getByRole('list', { name: 'Sites without the selection button' })).toContainText('127.0.0.1');

  await page.bringToFront();
  await page.reload();
  await selectText(page, '#lead');
  await expectNoButton(page);

  // Back on for the site: it shows again; then off for all sites: it does not.
  await options.bringToFront();
  await section.getByRole('button', { name: 'Turn the button back on for 127.0.0.1' }).click();
  await expect(section.getByRole('status')).toHaveText('The button shows again on 127.0.0.1.');
  await page.bringToFront();
  await page.reload();
  await selectText(page, '#lead');
  await expect(page.locator(HOST)).toHaveCount(1);

  await options.bringToFront();
  const everywhere = section.getByRole('checkbox', { name: /Show a Flowbar button/ });
  await everywhere.click(); // a controlled box: it follows the store once the worker saved the setting
  await expect(section.getByRole('status')).toHaveText('The button is off on all sites.');
  await expect(everywhere).not.toBeChecked();
  await page.bringToFront();
  await page.reload();
  await selectText(page, '#lead');
  await expectNoButton(page);
});
