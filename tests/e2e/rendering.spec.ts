import { test, expect } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';

const CODE = 'def greet(name):\n    return f"Hello, {name}!"  # <b>not bold</b>';
const WIDE_TABLE = [
  '| Model | Context | Price per million input tokens | Price per million output tokens | Knowledge cutoff | Notes |',
  '| --- | ---: | ---: | ---: | --- | --- |',
  '| Supercalifragilistic-large | 200000 | 3.00 | 15.00 | 2025-03 | Multimodal, function calling |',
  '| Another-very-long-model-name | 128000 | 0.15 | 0.60 | 2024-10 | Small and fast |',
].join('\n');

test('an answer with a code block and a wide table: highlighted code with its language and a working Copy code, and a table that scrolls in its own box at 320 px', async ({
  context,
  openArticle,
  openPanel,
  useLocalProvider,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await useLocalProvider('echo');
  await openArticle();
  const page = await openPanel();
  await page.setViewportSize({ width: 320, height: 700 });
  const panel = new SidePanelPage(page);
  await panel.runPrompt('Explain');
  await panel.waitUntilIdle();

  // `echo` answers "You said: <the message>": the Markdown comes back as the model's answer.
  await panel.send(`Here:\n\n\`\`\`python\n${CODE}\n\`\`\`\n\n${WIDE_TABLE}\n\nDone.`);
  await panel.waitUntilIdle();
  const answer = panel.conversation.locator('.message-assistant').last();
  await expect(answer).toContainText('Done.');

  // The code block: its language, highlighted (once finished), the hostile-looking code as text.
  const codeBlock = answer.locator('.code-block');
  await expect(codeBlock.locator('.code-block-language')).toHaveText('python');
  await expect(codeBlock.locator('pre code .hljs-keyword').first()).toHaveText('def');
  await expect(codeBlock.locator('pre code')).toContainText('# <b>not bold</b>');
  await expect(codeBlock.locator('b')).toHaveCount(0);

  // Copy code, by keyboard: the button is reachable and puts exactly the code on the clipboard.
  const copy = codeBlock.getByRole('button', { name: 'Copy code' });
  await copy.focus();
  await page.keyboard.press('Enter');
  await expect(codeBlock.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODE);

  // The wide table scrolls inside its box; the panel document is not wider than the panel.
  const box = answer.locator('.table-scroll');
  await expect(box.locator('table')).toBeVisible();
  const widths = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeGreaterThan(widths.client);
  const documentWidth = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(documentWidth.scroll).toBeLessThanOrEqual(documentWidth.client);
  // Words are never broken mid-word: each header word sits on one line.
  const linesPerHeader = await box.locator('th').evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { text: cell.textContent, lines: tops.size, words: (cell.textContent ?? '').split(/\s+/).length };
    }),
  );
  for (const header of linesPerHeader) expect(header.lines, header.text ?? '').toBeLessThanOrEqual(header.words);
  const model = linesPerHeader.find((h) => h.text === 'Model');
  expect(model?.lines).toBe(1);
});

test('the streaming caret sits at the end of the text, on its line', async ({ openArticle, openPanel, useLocalProvider }) => {
  await useLocalProvider('slow-60-60');
  await openArticle();
  const page = await openPanel();
  const panel = new SidePanelPage(page);
  await panel.runPrompt('Summarize');
  const streaming = page.locator('.message-streaming .markdown');
  await expect(streaming).toContainText('word5');
  const caret = await streaming.evaluate((el) => {
    const caret = el.querySelector('.markdown-caret');
    const paragraph = caret?.parentElement;
    if (!caret || !paragraph) return null;
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const caretRect = caret.getBoundingClientRect();
    const textBefore = rects.filter((r) => r.right <= caretRect.left + 1);
    return { parent: paragraph.tagName, sameLine: textBefore.some((r) => Math.abs(r.top - caretRect.top) < 4) };
  });
  expect(caret).toEqual({ parent: 'P', sameLine: true });
  await panel.waitUntilIdle();
  await expect(page.locator('.markdown-caret')).toHaveCount(0);
});
