// Stream shapes real providers send (recorded in lib/llm/fixtures, replayed by the fake server),
// as a user sees them in the panel: a cut-off answer with Continue, sources under an answer.
import { test, expect } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';

test('an answer cut off by the token limit says so, and Continue asks for the rest', async ({ llm, openPanel, useLocalProvider, openArticle }) => {
  await useLocalProvider('fixture-finish-length-openai');
  await openArticle();

  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize');
  await panel.waitUntilIdle();
  await expect(panel.conversation).toContainText('A garden journal');
  await expect(panel.conversation.getByRole('note')).toHaveText(/Cut off by the token limit\./);

  await useLocalProvider('echo');
  await panel.conversation.getByRole('button', { name: 'Continue' }).click();
  await expect(panel.conversation).toContainText('You said: Continue exactly where you stopped.');
  const followUp = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  const messages = (followUp.body as { messages: { role: string; content: string }[] }).messages;
  expect(messages.at(-2)).toEqual({ role: 'assistant', content: 'Here are ten ideas:\n\n1. A garden journal\n2. A' });
  expect(messages.at(-1)).toEqual({ role: 'user', content: 'Continue exactly where you stopped.' });
  // the new answer ended normally: no Continue any more
  await expect(panel.conversation.getByRole('button', { name: 'Continue' })).toHaveCount(0);
});

test('citations sent beside the answer are numbered links under it', async ({ openPanel, useLocalProvider, openArticle }) => {
  await useLocalProvider('fixture-citations-perplexity');
  await openArticle();

  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize');
  await panel.waitUntilIdle();
  await expect(panel.conversation).toContainText('Paris is the capital of France[1][2].');
  const sources = panel.conversation.getByRole('region', { name: 'Sources' });
  await expect(sources.getByRole('link')).toHaveCount(3);
  expect(await sources.getByRole('link').evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('target')]))).toEqual([
    ['https://en.wikipedia.org/wiki/Paris', '_blank'],
    ['https://www.britannica.com/place/Paris', '_blank'],
    ['https://www.insee.fr/en/statistiques/2011101', '_blank'],
  ]);
});
