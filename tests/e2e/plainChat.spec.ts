import { test, expect } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';

type ChatBody = { model: string; messages: { role: string; content: string }[] };
const chatBodies = (requests: { path: string; body?: unknown }[]) =>
  requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as ChatBody);

test('New chat with a system prompt, then the model switched mid-conversation in the picker', async ({ llm, openPanel, useLocalProvider }) => {
  // slow-30-100: 30 chunks 100 ms apart, so the first answer is seen streaming.
  await useLocalProvider('slow-30-100');
  const panel = new SidePanelPage(await openPanel());

  await panel.newChat('Answer like a pirate.');
  await expect(panel.page.getByRole('tab', { name: /^Chat/ })).toBeVisible();
  await panel.send('Hello there');
  await expect(panel.button('Stop')).toBeVisible();
  await expect(panel.conversation).toContainText('word0');
  await panel.waitUntilIdle();
  await expect(panel.conversation).toContainText('word29');
  await expect(panel.page.getByLabel('Stats')).toContainText('slow-30-100 · Local test LLM');

  const [first] = chatBodies(llm.requests);
  expect(first.model).toBe('slow-30-100');
  expect(first.messages).toEqual([
    { role: 'system', content: 'Answer like a pirate.' },
    { role: 'user', content: 'Hello there' },
  ]);

  // The picker suggests the provider's listed models (fetched through the background) and takes a typed one.
  await expect(panel.modelPicker.getByRole('combobox', { name: 'Provider' })).toHaveValue('');
  await panel.modelPicker.getByRole('combobox', { name: 'Model' }).click();
  await expect(panel.modelPicker.locator('datalist option[value="echo-all"]')).toHaveCount(1);
  await panel.pickModel('echo-all');

  await panel.send('Again, please');
  // echo-all answers with every message it got: the new model wrote this answer.
  await expect(panel.conversation).toContainText('user: Again, please');
  await panel.waitUntilIdle();

  const bodies = chatBodies(llm.requests);
  expect(bodies).toHaveLength(2);
  expect(bodies[1].model).toBe('echo-all');
  expect(bodies[1].messages[0]).toEqual({ role: 'system', content: 'Answer like a pirate.' });
  expect(bodies[1].messages.at(-1)).toEqual({ role: 'user', content: 'Again, please' });

  // The stats show the new model; each answer keeps the model that wrote it.
  await expect(panel.page.getByLabel('Stats')).toContainText('echo-all · Local test LLM');
  const answers = panel.conversation.locator('.message-assistant');
  await expect(answers.nth(0).locator('.answer-model')).toHaveText('slow-30-100 · Local test LLM');
  await expect(answers.nth(1).locator('.answer-model')).toHaveText('echo-all · Local test LLM');
});
