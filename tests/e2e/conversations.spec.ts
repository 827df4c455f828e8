// Versions, edits, deleted turns, export and the full-tab view, as a user does them in the panel.
// numbered-echo-all answers "Answer N." and every message it received, so the follow-up shows
// which version the conversation continued from.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { test, expect, selectText } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';

/** The panel with a run of Summarize on the article's lead paragraph, answered. */
async function panelWithAnswer({
  context,
  pages,
  openPanel,
}: {
  context: import('@playwright/test').BrowserContext;
  pages: { url: string };
  openPanel: () => Promise<Page>;
}) {
  const article = await context.newPage();
  await article.goto(`${pages.url}/article.html`);
  await selectText(article, '#lead');
  const panel = new SidePanelPage(await openPanel());
  await panel.runPrompt('Summarize');
  await panel.waitUntilIdle();
  return panel;
}

const answerItems = (panel: SidePanelPage) => panel.conversation.locator('li.message-assistant');
const userItem = (panel: SidePanelPage, text: string) => panel.conversation.locator('li.message-user').filter({ hasText: text });

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** The streamed text shown so far in a page (panel or chat tab). */
const streamingLength = (page: Page) =>
  page
    .locator('.message-streaming')
    .innerText()
    .then(
      (t) => t.length,
      () => 0,
    );

test('retry twice, switch versions: the next message continues from the chosen one', async ({ context, pages, openPanel, useLocalProvider }) => {
  await useLocalProvider('numbered-echo-all');
  const panel = await panelWithAnswer({ context, pages, openPanel });
  await panel.send('Tell me more');
  await expect(answerItems(panel).last()).toContainText('Answer 2.');

  const last = () => answerItems(panel).last();
  await last().getByRole('button', { name: 'Retry this answer' }).click();
  await expect(last()).toContainText('Answer 3.');
  await expect(last().getByRole('group', { name: 'Versions of this answer' })).toContainText('2/2');
  await panel.waitUntilIdle();
  await last().getByRole('button', { name: 'Retry this answer' }).click();
  await expect(last()).toContainText('Answer 4.');
  await expect(last().getByRole('group', { name: 'Versions of this answer' })).toContainText('3/3');
  await panel.waitUntilIdle();

  // ‹ back to version 2, and on again to 3, then back to 2
  await last().getByRole('button', { name: 'Previous version of this answer' }).click();
  await expect(last()).toContainText('Answer 3.');
  await expect(last().getByRole('group', { name: 'Versions of this answer' })).toContainText('2/3');
  await expect(panel.conversation).not.toContainText('Answer 4.');

  await panel.send('And then?');
  const followUp = last();
  await expect(followUp).toContainText('Answer 5.');
  await panel.waitUntilIdle();
  // the model got version 2 ("Answer 3."), neither of the others
  await expect(followUp).toContainText('assistant: Answer 3.');
  await expect(followUp).not.toContainText('Answer 4.');
  await expect(followUp).not.toContainText('Answer 2.');
  // Copy is on every message
  await expect(panel.conversation.getByRole('button', { name: /^Copy this (answer|message)$/ })).toHaveCount(
    await panel.conversation.locator('li.message').count(),
  );
});

test('edit the first message: a new branch; the old branch is one switch away', async ({ context, pages, openPanel, useLocalProvider }) => {
  await useLocalProvider('numbered-echo-all');
  const panel = await panelWithAnswer({ context, pages, openPanel });
  await panel.send('first question');
  await panel.waitUntilIdle();
  await panel.send('second question');
  await panel.waitUntilIdle();

  await userItem(panel, 'first question').getByRole('button', { name: 'Edit this message' }).click();
  const form = panel.conversation.getByRole('form', { name: 'Edit message' });
  await form.getByRole('textbox', { name: 'Edited message' }).fill('first question, edited');
  await form.getByRole('button', { name: 'Send edited' }).click();
  await expect(answerItems(panel).last()).toContainText('user: first question, edited');
  await panel.waitUntilIdle();
  await expect(panel.conversation.locator('li.message-user .plain-text')).toHaveText(['first question, edited']);
  await expect(panel.conversation).not.toContainText('second question');
  const edited = userItem(panel, 'first question, edited');
  await expect(edited.getByRole('group', { name: 'Versions of this message' })).toContainText('2/2');

  await edited.getByRole('button', { name: 'Previous version of this message' }).click();
  await expect(panel.conversation.locator('li.message-user .plain-text')).toHaveText(['first question', 'second question']);
  await expect(panel.conversation).not.toContainText('first question, edited');
  await expect(userItem(panel, 'first question').getByRole('group', { name: 'Versions of this message' })).toContainText('1/2');
});

test('delete a turn: the question and its answer go; the conversation reads on', async ({ context, pages, openPanel, useLocalProvider }) => {
  await useLocalProvider('echo');
  const panel = await panelWithAnswer({ context, pages, openPanel });
  for (const text of ['keep me', 'delete me', 'keep me too']) {
    await panel.send(text);
    await expect(panel.conversation).toContainText(`You said: ${text}`);
    await panel.waitUntilIdle();
  }
  await userItem(panel, 'delete me').getByRole('button', { name: 'Delete this turn' }).click();
  await panel.conversation.getByRole('group', { name: 'Delete this turn?' }).getByRole('button', { name: 'Yes, delete' }).click();
  await expect(panel.conversation).not.toContainText('delete me');
  await expect(panel.conversation.locator('li.message-user .plain-text')).toHaveText(['keep me', 'keep me too']);
  await expect(panel.conversation).toContainText('You said: keep me too');
});

test('export as Markdown and JSON, and several from History: the files read back, with no key in them', async ({
  context,
  pages,
  openPanel,
  useLocalProvider,
}) => {
  const KEY = 'sk-e2e-export-secret-4242';
  await useLocalProvider('echo', KEY);
  const panel = await panelWithAnswer({ context, pages, openPanel });
  await panel.send('a follow-up about herons');
  await panel.waitUntilIdle();
  await answerItems(panel).last().getByRole('button', { name: 'Retry this answer' }).click();
  await panel.waitUntilIdle();

  const md = await downloadOf(panel.page, () => panel.page.getByRole('button', { name: 'Export Markdown' }).click());
  expect(md.name).toMatch(/^flowbar-.+\.md$/);
  expect(md.text).toContain('**Prompt:** Summarize');
  expect(md.text).toContain('**Model:** echo (Local test LLM)');
  expect(md.text).toContain('`selection`:');
  expect(md.text).toMatch(/\*\*Stats:\*\* \d+ tokens/);
  expect(md.text).toContain('a follow-up about herons');
  expect(md.text).toContain('You said: a follow-up about herons');

  const json = await downloadOf(panel.page, () => panel.page.getByRole('button', { name: 'Export JSON' }).click());
  expect(json.name).toMatch(/\.json$/);
  const data = JSON.parse(json.text) as {
    conversations: Array<{ messages: Array<{ id: string; parentId: string | null; content: string }>; activePath: string[] }>;
  };
  const [conversation] = data.conversations;
  // the whole tree: both versions of the last answer, three messages on the path
  expect(conversation.messages.filter((m) => m.content === 'You said: a follow-up about herons')).toHaveLength(2);
  expect(conversation.activePath).toHaveLength(3);

  // a second conversation, then both from History at once
  await panel.runPrompt('Explain');
  await panel.waitUntilIdle();
  await panel.page.getByRole('button', { name: 'History' }).click();
  await panel.page
    .getByRole('checkbox', { name: /Choose “Summarize/ })
    .first()
    .check();
  await panel.page
    .getByRole('checkbox', { name: /Choose “Explain/ })
    .first()
    .check();
  const both = await downloadOf(panel.page, () =>
    panel.page.getByRole('group', { name: 'Export the chosen conversations' }).getByRole('button', { name: 'Export Markdown' }).click(),
  );
  expect(both.name).toMatch(/2-conversations/);
  expect(both.text).toContain('**Prompt:** Summarize');
  expect(both.text).toContain('**Prompt:** Explain');

  for (const file of [md, json, both]) {
    expect(file.text).not.toContain(KEY);
    expect(file.text).not.toMatch(/apiKey|Bearer/);
  }
});

test('open in a tab: the same instance streams in the panel and the tab at once, and either can go on', async ({
  context,
  pages,
  openPanel,
  useLocalProvider,
}) => {
  await useLocalProvider('echo');
  const panel = await panelWithAnswer({ context, pages, openPanel });
  const [tab] = await Promise.all([
    context.waitForEvent('page', (p) => p.url().includes('/chat.html?instance=')),
    panel.page.getByRole('button', { name: 'Open in a tab' }).click(),
  ]);
  await tab.waitForLoadState();
  const tabLog: Locator = tab.getByRole('log', { name: 'Conversation' });
  await expect(tabLog).toContainText('You said:');
  await expect(tab.getByRole('heading', { level: 1 })).toContainText('Summarize');

  // a slow answer, sent from the tab: its text grows in both views while it streams
  await useLocalProvider('slow-60-150');
  await tab.getByRole('textbox', { name: 'Message' }).fill('a slow one');
  await tab.getByRole('button', { name: 'Send', exact: true }).click();
  // sampled together: each view shows the text growing (by 20+ characters) while it streams
  const samples: Array<[number, number]> = [];
  const grew = (now: number, i: 0 | 1) => now > 0 && samples.some((s) => s[i] > 0 && s[i] < now - 20);
  await expect
    .poll(
      async () => {
        const now: [number, number] = [await streamingLength(panel.page), await streamingLength(tab)];
        const both = grew(now[0], 0) && grew(now[1], 1);
        samples.push(now);
        return both;
      },
      { timeout: 15_000, intervals: [250] },
    )
    .toBe(true);
  await expect(panel.conversation).toContainText('word59', { timeout: 15_000 });
  await expect(tabLog).toContainText('word59');

  // and the panel goes on; the tab shows it
  await useLocalProvider('echo');
  await panel.send('back in the panel');
  await expect(tabLog).toContainText('You said: back in the panel');
});
