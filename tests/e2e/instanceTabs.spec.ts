import type { Page } from '@playwright/test';
import { test, expect } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';

const chatRequests = (requests: { path: string }[]) => requests.filter((r) => r.path.endsWith('/chat/completions'));

/** The document is no wider than the window: nothing makes the panel slide sideways. */
async function expectNoSidewaysScroll(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  await expect
    .poll(() => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })))
    .toEqual({ scroll: width, client: width });
}

test('ten runs open: titles and statuses tell them apart, the switcher picks one and closes the finished, the panel never scrolls sideways', async ({
  llm,
  openPanel,
  useLocalProvider,
  openArticle,
}) => {
  await openArticle();
  const panel = new SidePanelPage(await openPanel());
  const tabs = panel.page.getByRole('tablist', { name: 'Open conversations' }).getByRole('tab');

  // Seven finished runs of the same prompt on the same text, one with a wide table, two still streaming.
  await useLocalProvider('echo');
  for (let i = 0; i < 7; i++) {
    await panel.runPrompt('Fix grammar');
    await expect(tabs).toHaveCount(i + 1);
    await panel.waitUntilIdle();
  }
  await useLocalProvider('wide-table');
  await panel.runPrompt('Explain');
  await expect(panel.conversation.getByRole('table')).toBeVisible({ timeout: 20_000 });
  await panel.waitUntilIdle();
  await useLocalProvider('hang');
  await panel.runPrompt('Summarize');
  await expect(tabs.last()).toContainText('Streaming', { timeout: 20_000 });
  await panel.runPrompt('Summarize');
  await expect(tabs).toHaveCount(10);
  await expect(tabs.last()).toContainText('Streaming', { timeout: 20_000 });

  // Each tab says its prompt, the first words of the selection, its status and time; no two read the same.
  await expect(tabs.first()).toContainText('Fix grammar: Photosynthesis converts light energy…');
  await expect(tabs.first()).toContainText('Done');
  await expect(tabs.nth(7)).toContainText('Explain');
  const names = await tabs.evaluateAll((all) => all.map((tab) => tab.textContent ?? ''));
  expect(new Set(names).size).toBe(10);

  // At 320 and 400 px the document stays as wide as the panel, the wide table scrolls in its own box.
  await tabs.nth(7).click();
  await expect(panel.conversation.getByRole('table')).toBeVisible();
  for (const width of [320, 400]) await expectNoSidewaysScroll(panel.page, width);
  await tabs.last().click();
  for (const width of [320, 400]) await expectNoSidewaysScroll(panel.page, width);

  // The switcher, by keyboard: it lists all ten with their status; Home then Enter picks the first.
  const toggle = panel.page.getByRole('button', { name: '10 open conversations' });
  await toggle.focus();
  await panel.page.keyboard.press('Enter');
  const menu = panel.page.getByRole('menu', { name: 'Open conversations' });
  const items = menu.getByRole('menuitemradio');
  await expect(items).toHaveCount(10);
  await expect(items.last()).toBeFocused(); // the run shown now
  await expect(items.last()).toHaveAttribute('aria-checked', 'true');
  await expect(items.nth(0)).toContainText('Done');
  await expect(items.nth(9)).toContainText('Streaming');
  await panel.page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
  await panel.page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.first()).toBeFocused();
  await expect(panel.conversation).toContainText('You said:');

  // Escape closes the menu and gives the focus back; "Close all finished" leaves the two streaming.
  await toggle.focus();
  await panel.page.keyboard.press('ArrowDown');
  await expect(menu).toBeVisible();
  await panel.page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await panel.page.keyboard.press('Enter');
  await panel.page.keyboard.press('End');
  const closeFinished = menu.getByRole('menuitem', { name: 'Close all finished (8)' });
  await expect(closeFinished).toBeFocused();
  await panel.page.keyboard.press('Enter');
  await expect(tabs).toHaveCount(2);
  for (const tab of await tabs.all()) await expect(tab).toContainText('Streaming');
  await expect(panel.page.getByRole('button', { name: '2 open conversations' })).toBeFocused();
  expect(chatRequests(llm.requests).filter((r) => (r as { aborted?: boolean }).aborted)).toHaveLength(0);
});

test('Stop in the message box stays in view while the user reads back up, and aborts the request', async ({
  llm,
  openPanel,
  useLocalProvider,
  openArticle,
}) => {
  await useLocalProvider('slow-3000-10');
  await openArticle();
  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Explain');
  await expect(panel.conversationPanel).toContainText('word900', { timeout: 20_000 });

  // Reading back up: the conversation scrolls to its top; the answer keeps coming.
  const scroller = panel.page.locator('.instance-scroll');
  await scroller.hover();
  await panel.page.mouse.wheel(0, -100_000);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
  expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 300)).toBe(true);
  await expect(panel.page.getByRole('button', { name: 'Send' })).toHaveCount(0);
  const stop = panel.button('Stop');
  await expect(stop).toBeInViewport({ ratio: 1 });
  await stop.click();
  await panel.waitUntilIdle();

  await expect.poll(() => chatRequests(llm.requests)[0] && (chatRequests(llm.requests)[0] as { aborted?: boolean }).aborted).toBe(true);
  await expect(panel.conversation).toContainText(/stopped/i);
  expect(await panel.conversation.innerText()).not.toContain('word2999');
  await expect(panel.button('Send')).toBeVisible();
  await expect(panel.page.getByRole('tab', { selected: true })).toContainText('Stopped');
  // History says so too.
  await panel.page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(
    panel.page
      .getByRole('region', { name: 'History' })
      .getByRole('button', { name: /Explain/ })
      .first(),
  ).toContainText('Stopped');
});

test('going back to a conversation shown a moment ago shows the same panel again, not a new one; only the selected one is shown', async ({
  openPanel,
  useLocalProvider,
  openArticle,
}) => {
  await useLocalProvider('echo');
  await openArticle();
  const panel = new SidePanelPage(await openPanel());
  const tabs = panel.page.getByRole('tablist', { name: 'Open conversations' }).getByRole('tab');
  for (let i = 0; i < 5; i++) {
    await panel.runPrompt('Fix grammar');
    await expect(tabs).toHaveCount(i + 1);
    await panel.waitUntilIdle();
  }
  const ids = await tabs.evaluateAll((all) => all.map((tab) => tab.getAttribute('data-instance-id') ?? ''));
  const panelOf = (id: string) => panel.page.locator(`[id="panel-${id}"]`);

  // The first conversation, marked in the page, then another one, then the first again.
  await tabs.first().click();
  await expect(panel.conversationPanel).toHaveAttribute('id', `panel-${ids[0]}`);
  await panelOf(ids[0]).evaluate((el) => el.setAttribute('data-test-mark', 'first'));
  await tabs.nth(1).click();
  await expect(panel.conversationPanel).toHaveAttribute('id', `panel-${ids[1]}`);
  // the first stays in the page, hidden: it is no tab panel a user or a screen reader meets
  await expect(panelOf(ids[0])).toBeHidden();
  await expect(panel.page.getByRole('tabpanel')).toHaveCount(1);
  await tabs.first().click();
  await expect(panel.conversationPanel).toHaveAttribute('id', `panel-${ids[0]}`);
  await expect(panel.conversationPanel).toHaveAttribute('data-test-mark', 'first');
  await expect(panel.conversation).toContainText('Photosynthesis');

  // Only the last few shown stay: after five others, the first is built anew.
  for (const n of [1, 2, 3, 4]) await tabs.nth(n).click();
  await expect(panel.conversationPanel).toHaveAttribute('id', `panel-${ids[4]}`);
  await expect.poll(() => panel.page.locator('.instance-panel').count()).toBeLessThanOrEqual(3);
  await tabs.first().click();
  await expect(panel.conversationPanel).toHaveAttribute('id', `panel-${ids[0]}`);
  await expect(panel.conversationPanel).not.toHaveAttribute('data-test-mark', 'first');
  await expect(panel.conversation).toContainText('Photosynthesis');
});
