import { test, expect } from './support/extensionFixture';
import { ARTICLE_TEXT, CAPTION_LINES, PDF_LINES } from './support/pageServer';
import { SidePanelPage } from './support/sidePanelPage';

// The page as context: {{page_text}} is the article, a PDF's text (pdf.js) or a video's caption
// transcript, read when a prompt uses it; "Use the whole page" stands in for a missing selection.

type Recorded = { path: string; body?: unknown };
const chatRequests = (requests: Recorded[]) => requests.filter((r) => r.path.endsWith('/chat/completions'));
const userContent = (request: Recorded) =>
  ((request.body as { messages: { role: string; content: string }[] }).messages ?? []).map((m) => `${m.role}: ${m.content}`).join('\n');

test('"Summarize this page" with nothing selected sends the article, and the panel shows its size', async ({
  pages,
  llm,
  openPanel,
  useLocalProvider,
  openArticle,
}) => {
  await useLocalProvider('echo');
  await openArticle(false);

  const panel = new SidePanelPage(await openPanel());
  await expect(panel.page.getByRole('group', { name: 'Current page' })).toContainText('Select text on a page to use it');
  await panel.runPrompt('Summarize this page');
  await panel.waitUntilIdle();

  await expect.poll(() => chatRequests(llm.requests).length).toBe(1);
  const sent = userContent(chatRequests(llm.requests)[0]);
  expect(sent).toContain('Summarize this page in a few bullet points');
  expect(sent).toContain(ARTICLE_TEXT);
  expect(sent).toContain('Oxygen is released as a by-product');
  expect(sent).not.toContain('Footer text'); // Readability's main text, not the whole DOM
  expect(sent).not.toContain('{{page_text}}');
  expect(sent).toContain(`url="${pages.url}/article.html"`);
  await expect(panel.page.getByRole('region', { name: 'Page as context' })).toContainText(
    /Page text: [\d,]+ characters, from the article of “Plants and light”/,
  );
});

test("on a PDF tab the page text is the PDF's text, read with pdf.js", async ({ context, pages, llm, openPanel, useLocalProvider }) => {
  await useLocalProvider('echo');
  const pdf = await context.newPage();
  await pdf.goto(`${pages.url}/report.pdf`);
  expect(pdf.url()).toBe(`${pages.url}/report.pdf`);

  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize this page');
  await panel.waitUntilIdle();

  await expect.poll(() => chatRequests(llm.requests).length).toBe(1);
  const sent = userContent(chatRequests(llm.requests)[0]);
  for (const line of PDF_LINES) expect(sent).toContain(line);
  expect(sent).toContain('title="Lighthouse report"'); // the PDF's own title, from its metadata
  await expect(panel.page.getByRole('region', { name: 'Page as context' })).toContainText('from the PDF of “Lighthouse report”');
});

test('on a video page with a caption track the page text is the transcript', async ({ context, pages, llm, openPanel, useLocalProvider }) => {
  await useLocalProvider('echo');
  const video = await context.newPage();
  await video.goto(`${pages.url}/watch?v=flowbar01`);

  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize this page');
  await panel.waitUntilIdle();

  await expect.poll(() => chatRequests(llm.requests).length).toBe(1);
  const sent = userContent(chatRequests(llm.requests)[0]);
  expect(sent).toContain(`[0:00] ${CAPTION_LINES[0]}`);
  expect(sent).toContain(`[0:04] ${CAPTION_LINES[1]}`);
  expect(sent).not.toContain('automatic captions'); // the people-written track is preferred
  expect(sent).not.toContain('Comments and recommendations'); // the transcript, not the page around the player
  expect(pages.requested).toContain('/api/timedtext');
  await expect(panel.page.getByRole('region', { name: 'Page as context' })).toContainText('from the video transcript');
});

test('"Use the whole page" runs a selection prompt on the page text in one click', async ({ llm, openPanel, useLocalProvider, openArticle }) => {
  await useLocalProvider('echo');
  await openArticle(false);

  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize'); // needs {{selection}}; nothing is selected
  const region = panel.page.getByRole('region', { name: 'Page as context' });
  await expect(panel.page.getByRole('region', { name: 'Variables' })).toContainText('Missing: selection');
  expect(chatRequests(llm.requests)).toHaveLength(0);

  await region.getByRole('button', { name: 'Use the whole page' }).click();
  await panel.waitUntilIdle();
  await expect.poll(() => chatRequests(llm.requests).length).toBe(1);
  const sent = userContent(chatRequests(llm.requests)[0]);
  expect(sent).toContain('Summarize this text in a few bullet points');
  expect(sent).toContain(ARTICLE_TEXT);
  await expect(region).toContainText(/Whole page as the selection: [\d,]+ characters/);
  await expect(region.getByRole('button', { name: 'Use the whole page' })).toHaveCount(0);
  await expect(panel.conversation).toContainText('You said:');
});
