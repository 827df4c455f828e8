import AxeBuilder from '@axe-core/playwright';
import { extensionIdForPath } from '../../scripts/launchPlan.mjs';
import { test, expect, EXTENSION_DIR, selectText } from './support/extensionFixture';

test('the welcome page shows the tour, sample text that Flowbar sees when selected, and the shortcuts', async ({ context, extensionId, worker }) => {
  // npm start opens chrome-extension://<id>/welcome.html with the id it derives from the path.
  expect(extensionId).toBe(extensionIdForPath(EXTENSION_DIR));

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/welcome.html`);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Flowbar' })).toBeVisible();

  const ways = page.getByRole('region', { name: 'Four ways to run a prompt' }).getByRole('listitem');
  await expect(ways).toHaveCount(4);
  for (const [i, way] of ['The panel.', 'The context menu.', 'The shortcut.', 'The selection button.'].entries()) await expect(ways.nth(i)).toContainText(way);

  // The shortcuts as the browser has them (chrome.commands through the background).
  const rows = page.getByRole('region', { name: 'Keyboard shortcuts' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Open the Flowbar panel' })).toContainText('Alt+Shift+O');
  await expect(rows.filter({ hasText: 'Run the default prompt on the selection' })).toContainText('Alt+Shift+F');
  await expect(rows.filter({ hasText: 'New chat on the selection' })).toContainText('Alt+Shift+M');
  await expect(page.getByText('chrome://extensions/shortcuts')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);

  // Selecting the sample text reports it, as a content script would on a web page.
  await selectText(page, '#sample-text');
  await expect
    .poll(() =>
      worker.evaluate(
        () => (globalThis as unknown as { flowbar: { store: { getState(): { page: { selection: string } } } } }).flowbar.store.getState().page.selection,
      ),
    )
    .toContain('Photosynthesis is how plants');
});

test('the options page lists the keyboard shortcuts', async ({ openOptions }) => {
  const options = await openOptions();
  const section = options.getByRole('region', { name: 'Keyboard shortcuts' });
  await expect(section.getByRole('row').filter({ hasText: 'Run the default prompt on the selection' })).toContainText('Alt+Shift+F');
  await expect(section.getByRole('button', { name: 'Change shortcuts' })).toBeVisible();
});
