import type { Page } from '@playwright/test';
import { test, expect } from './support/extensionFixture';
import { axeViolations } from './support/axeScan';
import { SidePanelPage } from './support/sidePanelPage';

// Every view of the panel, the options page and the flow editor pass axe (WCAG 2.1 A and AA and
// best practices) in both colour schemes. Each view is scanned as a user reaches it, with the
// states that once failed on screen: several tabs, a stopped (partial) answer, a canceled flow action.

const SCHEMES = ['light', 'dark'] as const;

/** Scans the page in each colour scheme; the violations of both are reported together. */
async function expectNoViolations(page: Page, view: string) {
  const found: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const line of await axeViolations(page)) found.push(`[${view}, ${colorScheme}] ${line}`);
  }
  await page.emulateMedia({ colorScheme: null });
  expect(found).toEqual([]);
}

test('the side panel passes axe: conversation, history, flows list and a flow run', async ({ openPanel, useLocalProvider, openArticle }) => {
  await openArticle();
  const panel = new SidePanelPage(await openPanel());

  // The conversation: two tabs, a finished answer and a stopped one (its "partial answer" badge).
  await useLocalProvider('echo');
  await panel.runPrompt('Fix grammar');
  await panel.waitUntilIdle();
  await useLocalProvider('slow-400-50');
  await panel.runPrompt('Explain');
  await expect(panel.conversationPanel).toContainText('word3', { timeout: 20_000 });
  await panel.button('Stop').click();
  await panel.waitUntilIdle();
  await expect(panel.conversation).toContainText(/stopped/i);
  await expectNoViolations(panel.page, 'conversation');

  // The switcher's menu of open runs.
  await panel.page.getByRole('button', { name: '2 open conversations' }).click();
  await expect(panel.page.getByRole('menu', { name: 'Open conversations' })).toBeVisible();
  await expectNoViolations(panel.page, 'switcher');
  await panel.page.keyboard.press('Escape');

  await panel.page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(panel.page.getByRole('button', { name: /Fix grammar/ }).first()).toBeVisible();
  await expectNoViolations(panel.page, 'history');

  await panel.page.getByRole('button', { name: 'Flows', exact: true }).click();
  const flow = panel.page.getByRole('article', { name: 'Brief from selection', exact: true });
  await expect(flow).toBeVisible();
  await expectNoViolations(panel.page, 'flows list');

  // A flow run, canceled while it streams: its actions show "Canceled: partial answer".
  await useLocalProvider('slow-400-50');
  await panel.page.getByRole('button', { name: 'Run flow Brief from selection' }).click();
  await expect(panel.page.getByRole('status', { name: 'Run status: Running' })).toBeVisible();
  // (the conversations shown before stay in the page, hidden: their text is not the run's)
  await expect(panel.page.getByText(/word3/).filter({ visible: true }).first()).toBeVisible({ timeout: 20_000 });
  await panel.page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(panel.page.getByRole('status', { name: 'Run status: Canceled' })).toBeVisible();
  await expect(panel.page.getByText('Canceled: partial answer').first()).toBeVisible();
  await expectNoViolations(panel.page, 'flow run');
});

test('the options page passes axe', async ({ openOptions }) => {
  const options = await openOptions();
  await expect(options.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(options.getByRole('region', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectNoViolations(options, 'options');
});

test('the flow editor passes axe, new and editing an example flow', async ({ context, extensionId }) => {
  const editor = await context.newPage();
  await editor.goto(`chrome-extension://${extensionId}/flow-editor.html`);
  await expect(editor.getByRole('heading', { name: 'New flow' })).toBeVisible();
  await expectNoViolations(editor, 'flow editor');
});
