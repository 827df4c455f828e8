import { test, expect } from './support/extensionFixture';
import { ARTICLE_TEXT } from './support/pageServer';
import { SidePanelPage } from './support/sidePanelPage';

test('select text, run a prompt on it, watch it stream, then continue the chat', async ({ llm, openPanel, useLocalProvider, openArticle }) => {
  // slow-30-40: 30 chunks 40 ms apart, long enough to see the answer arrive in pieces.
  await useLocalProvider('slow-30-40');
  await openArticle();

  const panel = new SidePanelPage(await openPanel());
  await expect(panel.page.getByText(ARTICLE_TEXT.slice(0, 40))).toBeVisible(); // the page context the run will use
  await panel.runPrompt('Summarize');

  // Streaming: the Stop button shows while words arrive, then the whole answer is there.
  await expect(panel.button('Stop')).toBeVisible();
  await expect(panel.page.getByRole('tabpanel')).toContainText('word0');
  await panel.waitUntilIdle();
  await expect(panel.conversation).toContainText('word29');

  // What reached the model: the template with {{selection}} replaced by the page's selection.
  const first = llm.requests.find((r) => r.path.endsWith('/chat/completions'))!;
  const sent = JSON.stringify(first.body);
  expect(sent).toContain('Summarize this text in a few bullet points');
  expect(sent).toContain(ARTICLE_TEXT);
  expect(sent).not.toContain('{{selection}}');

  // Continue as a chat: the follow-up carries the conversation so far.
  await useLocalProvider('echo');
  await panel.send('Now in one sentence please');
  await expect(panel.conversation).toContainText('You said: Now in one sentence please');
  const followUp = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  const messages = (followUp.body as { messages: { role: string; content: string }[] }).messages;
  expect(messages.at(-1)).toEqual({ role: 'user', content: 'Now in one sentence please' });
  expect(messages.some((m) => m.role === 'assistant' && m.content.includes('word29'))).toBe(true);

  // Stats of the last answer are shown.
  await expect(panel.page.getByLabel('Stats')).toContainText(/\d/);
});

test('Stop ends a long answer, keeps what arrived and aborts the request', async ({ llm, openPanel, useLocalProvider, openArticle }) => {
  await useLocalProvider('slow-400-50');
  await openArticle();

  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Explain');
  await expect(panel.page.getByRole('tabpanel')).toContainText('word3');
  await panel.button('Stop').click();
  await panel.waitUntilIdle();

  await expect(panel.conversation).toContainText('word3');
  await expect(panel.conversation).toContainText(/stopped/i);
  await expect.poll(() => llm.requests.find((r) => r.path.endsWith('/chat/completions'))?.aborted).toBe(true);
  const text = await panel.conversation.innerText();
  expect(text).not.toContain('word399');
});

test('a closed conversation comes back from history after the panel was closed', async ({ openPanel, useLocalProvider, openArticle }) => {
  await useLocalProvider('echo');
  await openArticle();

  let panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Fix grammar');
  await panel.waitUntilIdle();
  await panel.send('remember the tangerine');
  await expect(panel.conversation).toContainText('You said: remember the tangerine');
  await panel.page
    .getByRole('button', { name: /^Close / })
    .first()
    .click();
  await expect(panel.page.getByRole('tab', { name: /Fix grammar/ })).toHaveCount(0);
  await panel.page.close();

  panel = new SidePanelPage(await openPanel());
  await panel.page.getByRole('button', { name: 'History' }).click();
  await panel.page.getByRole('searchbox', { name: 'Search history' }).fill('tangeri');
  await panel.page
    .getByRole('button', { name: /Fix grammar/ })
    .first()
    .click();
  await expect(panel.conversation).toContainText('You said: remember the tangerine');

  // and it continues where it stopped
  await panel.send('and the lime');
  await expect(panel.conversation).toContainText('You said: and the lime');
});
