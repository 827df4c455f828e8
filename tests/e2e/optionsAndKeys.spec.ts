import { test, expect } from './support/extensionFixture';
import { ARTICLE_TEXT } from './support/pageServer';
import { SidePanelPage } from './support/sidePanelPage';

const KEY = 'sk-test-e2e-7f3a9c';

test('a provider and a scoped variable added in options shape the next run', async ({ llm, openOptions, openPanel, openArticle }) => {
  const options = await openOptions();
  await options.getByLabel('Name', { exact: true }).first().fill('Test server');
  await options.getByLabel('Base URL').fill(llm.url);
  await options.getByLabel('Default model').fill('echo-all');
  await options.getByLabel('API key').fill(KEY);
  // Tried before saving: the form's settings and the typed key reach the server.
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Connected to Test server' })).toBeVisible();
  expect(llm.requests.filter((r) => r.path.endsWith('/models')).at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
  // and the key itself was tried, with a one-token answer from the form's default model
  const keyCheck = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1);
  expect(keyCheck?.headers.authorization).toBe(`Bearer ${KEY}`);
  expect(keyCheck?.body).toMatchObject({ model: 'echo-all', max_tokens: 1 });
  await options.getByRole('button', { name: 'Save provider' }).click();
  const row = options.getByRole('listitem').filter({ hasText: 'Test server' });
  await expect(row).toBeVisible();
  await row.getByRole('radio', { name: 'Use by default' }).click();
  await expect(row.getByRole('radio', { name: 'Use by default' })).toBeChecked();

  await options.getByLabel('Scope').selectOption('project');
  await options.getByLabel('Variable name').fill('language');
  await options.getByLabel('Value').fill('Esperanto');
  await options.getByRole('button', { name: 'Add variable' }).click();
  await expect(options.getByText('Esperanto')).toBeVisible();

  await openArticle();
  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Translate');
  await panel.waitUntilIdle();

  // The request as the server received it: resolved text, the project variable, the key.
  const request = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  const user = (request.body as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')!;
  expect(user.content).toContain('Translate this text into Esperanto');
  expect(user.content).toContain(ARTICLE_TEXT);
  expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  await expect(panel.conversation).toContainText('into Esperanto');
});

test('no extension page can read a key from the store', async ({ openPanel, useLocalProvider }) => {
  await useLocalProvider('echo', KEY);
  const panel = await openPanel();
  await expect(panel.getByRole('combobox', { name: 'Prompt' })).toBeVisible();
  // Everything the store shares with pages, as any extension page can fetch it.
  const shared = await panel.evaluate(
    () =>
      new Promise<string>((resolve) =>
        chrome.runtime.sendMessage({ type: 'webext.fetch_state', channelName: 'flowbar.store' }, (response) => resolve(JSON.stringify(response))),
      ),
  );
  expect(shared).toContain('"hasKey":true');
  expect(shared).not.toContain(KEY);
});
