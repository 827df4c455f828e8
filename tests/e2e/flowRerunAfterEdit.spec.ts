import type { Page } from '@playwright/test';
import { badge, card, chatRequests, fillAction, sentText } from './support/flowPages';
import { test, expect } from './support/extensionFixture';

// Re-running steps of a run after its flow was edited: the run keeps the flow it ran, says the flow
// changed, and marks the steps that read a re-run answer "Out of date" until they are re-run.

const FLOW = 'Edited after its run';

const stepRun = (panel: Page, n: number) => panel.locator('section.step-run').nth(n - 1);
const stepBadge = (panel: Page, n: number) => stepRun(panel, n).locator('.step-run-head .run-badge');

test('edit a flow after a run: re-running the old run uses the flow it ran, says the flow changed, and marks what is out of date', async ({
  context,
  extensionId,
  llm,
  openPanel,
  useLocalProvider,
}) => {
  await useLocalProvider('echo-all'); // answers with what it was sent, so outputs show which version ran

  const editor = await context.newPage();
  await editor.goto(`chrome-extension://${extensionId}/flow-editor.html`);
  await editor.getByRole('textbox', { name: 'Flow name' }).fill(FLOW);
  await fillAction(editor, 1, 1, 'a', 'Alpha: first version');
  await editor.getByRole('button', { name: 'Add step' }).click();
  await fillAction(editor, 2, 1, 'combine', 'Combine: {{outputs.a}}');
  await editor.getByRole('button', { name: 'Save flow' }).click();
  await expect(editor.getByRole('status')).toContainText(`Saved “${FLOW}”`);

  // 1. Run it.
  const panel = await openPanel();
  await panel.getByRole('button', { name: 'Flows', exact: true }).click();
  await panel.getByRole('button', { name: `Run flow ${FLOW}` }).click();
  for (const name of ['a', 'combine']) await expect(badge(card(panel, name), 'Completed')).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByRole('status', { name: 'Run status: Completed' })).toBeVisible();
  await expect(panel.getByRole('note', { name: 'The flow changed' })).toHaveCount(0);

  // 2. Edit the flow: another name, other messages.
  await fillAction(editor, 1, 1, 'alpha2', 'Alpha: second version');
  await fillAction(editor, 2, 1, 'combine', 'Combine again: {{outputs.alpha2}}');
  await editor.getByRole('button', { name: 'Save flow' }).click();
  await expect(editor.getByRole('status')).toContainText(`Saved “${FLOW}”`);

  // 3. The old run says so, live.
  const notice = panel.getByRole('note', { name: 'The flow changed' });
  await expect(notice).toContainText('The flow has changed since this run');
  await expect(notice.getByRole('button', { name: 'New run with the current flow' })).toBeVisible();

  // 4. Re-run step 1 of the old run: the old step ran, into its own slot, under its own name.
  const sent = chatRequests(llm.requests).length;
  await panel.getByRole('button', { name: 'Re-run step 1' }).click();
  await expect.poll(() => chatRequests(llm.requests).length).toBe(sent + 1);
  await expect(panel.getByRole('status', { name: 'Run status: Completed' })).toBeVisible({ timeout: 20_000 });
  expect(sentText(chatRequests(llm.requests)[sent])).toBe('Alpha: first version');
  await expect(card(panel, 'a')).toContainText('Alpha: first version');
  await expect(card(panel, 'alpha2')).toHaveCount(0);
  await expect(panel.getByRole('heading', { level: 4 })).toHaveText(['a', 'combine']);

  // 5. Step 2 read the earlier answer of a: out of date, not Completed; one click re-runs it.
  await expect(stepBadge(panel, 2)).toHaveText('Out of date');
  await expect(badge(card(panel, 'combine'), 'Out of date')).toBeVisible();
  await expect(stepRun(panel, 2)).toContainText('this step used an earlier answer of a');
  await expect(stepBadge(panel, 1)).toHaveText('Completed');
  await stepRun(panel, 2).getByRole('button', { name: 'Re-run step 2 with the new answer' }).click();
  await expect(stepBadge(panel, 2)).toHaveText('Completed', { timeout: 20_000 });
  await expect(badge(card(panel, 'combine'), 'Completed')).toBeVisible();
  const combineRequest = chatRequests(llm.requests).at(-1)!;
  expect(sentText(combineRequest)).toContain('Combine: user: Alpha: first version');
  expect(sentText(combineRequest)).not.toContain('Combine again');

  // 6. Re-run the upstream action itself: the downstream step is out of date again, then re-run from its header.
  await panel.getByRole('button', { name: 'Re-run a', exact: true }).click();
  await expect(stepBadge(panel, 2)).toHaveText('Out of date', { timeout: 20_000 });
  await expect(panel.getByRole('status', { name: 'Run status: Completed' })).toBeVisible();
  await panel.getByRole('button', { name: 'Re-run step 2', exact: true }).click();
  await expect(stepBadge(panel, 2)).toHaveText('Completed', { timeout: 20_000 });
  await expect(badge(card(panel, 'combine'), 'Out of date')).toHaveCount(0);

  // 7. A new run with the current flow: the edited version, in a run of its own.
  const before = chatRequests(llm.requests).length;
  await notice.getByRole('button', { name: 'New run with the current flow' }).click();
  await expect(badge(card(panel, 'alpha2'), 'Completed')).toBeVisible({ timeout: 20_000 });
  await expect(badge(card(panel, 'combine'), 'Completed')).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByRole('note', { name: 'The flow changed' })).toHaveCount(0);
  expect(chatRequests(llm.requests).slice(before).map(sentText)[0]).toBe('Alpha: second version');
  await expect(card(panel, 'combine')).toContainText('Combine again: user: Alpha: second version');
});
