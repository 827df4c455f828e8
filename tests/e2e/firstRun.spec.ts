import net from 'node:net';
import { test, expect } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';

/** A port on 127.0.0.1 that nothing listens on: "Ollama is not running". */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('first run: no provider answers → the setup card → the provider form with a preset → provider added → card gone, a run works', async ({
  context,
  worker,
  llm,
  openPanel,
  openArticle,
}) => {
  // The seeded default provider, pointed at a closed local port (Ollama not started).
  const port = await closedPort();
  await worker.evaluate(async (baseURL) => {
    const { store } = (globalThis as unknown as { flowbar: { store: { dispatch(a: unknown): Promise<unknown> } } }).flowbar;
    await store.dispatch({ type: 'cmd/providers/save', payload: { id: 'ollama', name: 'Ollama (local)', baseURL, defaultModel: 'llama3.2' }, _sender: {} });
  }, `http://127.0.0.1:${port}/v1`);

  await openArticle();

  const panel = new SidePanelPage(await openPanel());
  // The way to the settings is there at all times, reachable by keyboard.
  const settings = panel.page.getByRole('button', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await expect(panel.setupCard).toContainText(`Ollama isn't running at 127.0.0.1:${port}: start it, or add a provider (OpenAI, OpenRouter, Groq…).`);
  await expect(panel.setupCard.getByRole('button', { name: 'Try again' })).toBeEnabled();

  // The card's first button opens the options page at the provider form, OpenAI filled in.
  const [options] = await Promise.all([context.waitForEvent('page'), panel.setupCard.getByRole('button', { name: 'Add OpenAI' }).click()]);
  await options.waitForLoadState();
  expect(new URL(options.url()).hash).toBe('#providers/new?preset=openai&default=1');
  const form = options.getByRole('form', { name: 'Add a provider' });
  await expect(form.getByLabel('Name')).toHaveValue('OpenAI');
  await expect(form.getByLabel('Base URL')).toHaveValue('https://api.openai.com/v1');
  await expect(form.getByLabel('Make it the default provider')).toBeChecked();

  // The user points it at the local test server instead and saves.
  await form.getByLabel('Name').fill('Local test LLM');
  await form.getByLabel('Base URL').fill(llm.url);
  await form.getByLabel('Default model').fill('echo');
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(options.getByText('Saved Local test LLM.')).toBeVisible();

  // Back in the panel the card goes away by itself, and a run answers.
  await panel.page.bringToFront();
  await expect(panel.setupCard).toHaveCount(0);
  await panel.runPrompt('Summarize');
  await panel.waitUntilIdle();
  await expect(panel.conversation).toContainText('You said: Summarize this text');
  expect(llm.requests.some((r) => r.path.endsWith('/models'))).toBe(true);

  // The settings button opens the options page.
  const [settingsPage] = await Promise.all([context.waitForEvent('page'), settings.focus().then(() => panel.page.keyboard.press('Enter'))]);
  await settingsPage.waitForLoadState();
  expect(new URL(settingsPage.url()).pathname).toBe('/options.html');
});

test('a refused key: the card says so and leads to that provider; once fixed it goes away', async ({ context, openPanel, useLocalProvider }) => {
  await useLocalProvider('echo', 'bad-key');
  const panel = new SidePanelPage(await openPanel());
  await expect(panel.setupCard).toContainText("Local test LLM refused the API key: fix it in the provider's settings.");

  const [options] = await Promise.all([context.waitForEvent('page'), panel.setupCard.getByRole('button', { name: 'Fix the key' }).click()]);
  const form = options.getByRole('form', { name: 'Edit provider: Local test LLM' });
  await form.getByLabel('API key').fill('sk-good');
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(options.getByText('Saved Local test LLM.')).toBeVisible();
  await expect(panel.setupCard).toHaveCount(0);
});

test('a 403 from a local Ollama shows the OLLAMA_ORIGINS fix', async ({ worker, llm, openPanel }) => {
  await worker.evaluate(async (baseURL) => {
    const { store } = (globalThis as unknown as { flowbar: { store: { dispatch(a: unknown): Promise<unknown> } } }).flowbar;
    // The fake server answers this key as Ollama answers a refused Origin: 403, empty body.
    await store.dispatch({
      type: 'cmd/providers/save',
      payload: { id: 'ollama', name: 'Ollama (local)', baseURL, defaultModel: 'llama3.2', apiKey: 'origin-refused' },
      _sender: {},
    });
  }, llm.url);
  const panel = new SidePanelPage(await openPanel());
  await expect(panel.setupCard).toContainText(`Ollama at ${new URL(llm.url).host} refused Flowbar's request (403)`);
  await expect(panel.setupCard.getByRole('code')).toHaveText('OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* ollama serve');
});
