import { badge, card, chatRequests, editorAction, fillAction, sentText } from './support/flowPages';
import { test, expect } from './support/extensionFixture';
import { ARTICLE_TEXT } from './support/pageServer';

const FLOW = 'Compare and combine';

test('build a two-step flow, run it on the selection, re-run an action, cancel a slow run', async ({
  context,
  extensionId,
  llm,
  openPanel,
  useLocalProvider,
  openArticle,
}) => {
  await useLocalProvider('echo-all'); // answers with every message it got, so outputs show what was sent

  // 1. The editor: step 1 with two parallel actions on the selection, step 2 combining their answers.
  const editor = await context.newPage();
  await editor.goto(`chrome-extension://${extensionId}/flow-editor.html`);
  await expect(editor.getByRole('heading', { name: 'New flow' })).toBeVisible();
  await editor.getByRole('textbox', { name: 'Flow name' }).fill(FLOW);
  await editor.getByRole('textbox', { name: 'Description' }).fill('Two readings of the selection, then one answer from both.');
  await fillAction(editor, 1, 1, 'a', 'Alpha: {{selection}}');
  await editor.getByRole('button', { name: 'Add action to step 1' }).click();
  await expect(editorAction(editor, 1, 2).getByRole('textbox', { name: 'Action name' })).toBeFocused();
  await fillAction(editor, 1, 2, 'b', 'Beta: {{selection}}');
  await editor.getByRole('button', { name: 'Add step' }).click();
  await fillAction(editor, 2, 1, 'combine', 'Combine: {{outputs.a}} {{outputs.b}}');
  // Step 2 is told what it can read from step 1.
  await expect(editorAction(editor, 2, 1).locator('.variables-hint')).toContainText('{{outputs.a}}, {{outputs.b}}');
  // A bad action name is refused before saving.
  await editorAction(editor, 1, 2).getByRole('textbox', { name: 'Action name' }).fill('a');
  await editor.getByRole('button', { name: 'Save flow' }).click();
  await expect(editor.getByRole('alert')).toContainText('Two actions are named “a”');
  await editorAction(editor, 1, 2).getByRole('textbox', { name: 'Action name' }).fill('b');
  await editor.getByRole('button', { name: 'Save flow' }).click();
  await expect(editor.getByRole('status')).toContainText(`Saved “${FLOW}”`);
  await expect(editor.getByRole('heading', { name: 'Edit flow' })).toBeVisible();
  expect(new URL(editor.url()).searchParams.get('id')).toBeTruthy();

  // 2. Select text on the article; run the flow from the panel's Flows view.
  await openArticle();
  const panel = await openPanel();
  await expect(panel.getByText(ARTICLE_TEXT.slice(0, 40))).toBeVisible();
  await panel.getByRole('button', { name: 'Flows', exact: true }).click();
  const flowItem = panel.getByRole('article', { name: FLOW, exact: true });
  await expect(flowItem).toContainText('2 steps');

  // Edit opens the editor on this flow in a new tab.
  const [editorTab] = await Promise.all([context.waitForEvent('page'), flowItem.getByRole('button', { name: `Edit flow ${FLOW}` }).click()]);
  await expect(editorTab.getByRole('textbox', { name: 'Flow name' })).toHaveValue(FLOW);
  expect(editorTab.url()).toContain('/flow-editor.html?id=');
  await editorTab.close();

  await panel.getByRole('button', { name: `Run flow ${FLOW}` }).click();
  await expect(panel.getByRole('heading', { level: 2, name: FLOW })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Step 1', exact: true })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Step 2', exact: true })).toBeVisible();
  for (const name of ['a', 'b', 'combine']) await expect(badge(card(panel, name), 'Completed')).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByRole('status', { name: 'Run status: Completed' })).toBeVisible();
  await expect(card(panel, 'combine')).toContainText('Combine:');
  await expect(card(panel, 'combine').getByLabel('Stats of combine')).toContainText('echo-all');

  // What reached the model: step 1 got the selection; step 2 got both step-1 answers.
  const requests = chatRequests(llm.requests);
  expect(requests).toHaveLength(3);
  const [first, second, third] = requests.map(sentText);
  expect([first, second].sort()).toEqual([`Alpha: ${ARTICLE_TEXT}`, `Beta: ${ARTICLE_TEXT}`]);
  expect(third).toContain('Combine: ');
  expect(third).toContain(`user: Alpha: ${ARTICLE_TEXT}`);
  expect(third).toContain(`user: Beta: ${ARTICLE_TEXT}`);
  expect(third).not.toContain('{{outputs.');

  // 3. Re-run one action in place, with another model so its new answer is told apart.
  await useLocalProvider('slow-5-100');
  await panel.getByRole('button', { name: 'Re-run a', exact: true }).click();
  await expect(card(panel, 'a')).toContainText('word4', { timeout: 20_000 });
  await expect(badge(card(panel, 'a'), 'Completed')).toBeVisible();
  await expect(panel.getByRole('status', { name: 'Run status: Completed' })).toBeVisible();
  await expect(card(panel, 'combine')).toContainText('Combine:'); // the other actions keep their answers
  expect(chatRequests(llm.requests)).toHaveLength(4);
  expect(sentText(chatRequests(llm.requests)[3])).toBe(`Alpha: ${ARTICLE_TEXT}`);
  // Still one run: the flow's runs history lists one.
  await panel.getByRole('button', { name: 'All flows' }).click();
  await flowItem.getByRole('button', { name: `Runs of ${FLOW}` }).click();
  const runs = panel.getByRole('region', { name: `Runs of ${FLOW}` });
  await expect(runs.getByRole('listitem')).toHaveCount(1);
  await runs.getByRole('button', { name: /Completed/ }).click();
  await expect(card(panel, 'a')).toContainText('word4');

  // 4. A slow run, canceled while it streams: the requests in flight are aborted.
  await useLocalProvider('slow-200-50');
  await panel.getByRole('button', { name: 'All flows' }).click();
  await panel.getByRole('button', { name: `Run flow ${FLOW}` }).click();
  await expect(panel.getByRole('status', { name: 'Run status: Running' })).toBeVisible();
  await expect(card(panel, 'a')).toContainText('word1', { timeout: 20_000 });
  await expect(panel.getByRole('button', { name: 'Re-run a', exact: true })).toBeDisabled();
  await panel.getByRole('button', { name: 'Cancel run' }).click();
  await expect(panel.getByRole('status', { name: 'Run status: Canceled' })).toBeVisible();
  await expect(badge(card(panel, 'a'), 'Canceled')).toBeVisible();
  await expect(badge(card(panel, 'b'), 'Canceled')).toBeVisible();
  await expect(badge(card(panel, 'combine'), 'Waiting')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Re-run a', exact: true })).toBeEnabled();
  await expect
    .poll(() =>
      chatRequests(llm.requests)
        .slice(4)
        .map((r) => r.aborted),
    )
    .toEqual([true, true]);
  expect(chatRequests(llm.requests)).toHaveLength(6); // step 2 never started
  await expect(card(panel, 'a')).not.toContainText('word199');
  await panel.getByText('Run log').click();
  await expect(panel.locator('.run-log')).toContainText('Run canceled.');
});
