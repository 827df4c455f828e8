import { test, expect, selectText } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';

// 20,000 chunks over ten seconds: the worker is stopped well before the end.
const SCENARIO = 'timed-20000-10000';
const STOP_AFTER_MS = 500;
/** The promise: a stopped worker loses at most the text of the last 250 ms. */
const MAX_LOSS_MS = 250;

test('a worker stopped half a second into a fast answer keeps everything the server sent until 250 ms before the stop', async ({
  context,
  pages,
  llm,
  openPanel,
  useLocalProvider,
}) => {
  await useLocalProvider(SCENARIO);
  const article = await context.newPage();
  await article.goto(`${pages.url}/article.html`);
  await selectText(article, '#lead');
  const panel = new SidePanelPage(await openPanel());
  // Ready before the answer starts, so the stop itself takes no time to set up.
  const cdp = await context.newCDPSession(panel.page);
  await cdp.send('ServiceWorker.enable');

  await panel.runPrompt('Summarize');
  await expect.poll(() => llm.requests.find((r) => r.body?.model === SCENARIO)?.sentAt.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
  const request = llm.requests.find((r) => r.body?.model === SCENARIO)!;
  const firstChunkAt = request.sentAt[0];
  await new Promise((resolve) => setTimeout(resolve, firstChunkAt + STOP_AFTER_MS - Date.now()));

  const stoppedAt = Date.now();
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const sentBeforeStop = request.sentAt.filter((at) => at <= stoppedAt).length;
  const mustKeep = request.sentAt.filter((at) => at <= stoppedAt - MAX_LOSS_MS).length;
  // stopped 300–800 ms into the answer, long before its end
  expect(stoppedAt - firstChunkAt).toBeGreaterThanOrEqual(300);
  expect(stoppedAt - firstChunkAt).toBeLessThanOrEqual(800);
  expect(sentBeforeStop).toBeLessThan(20_000);
  expect(mustKeep).toBeGreaterThan(0);

  // The panel wakes a new worker, whose store was rebuilt from the saved pieces.
  await expect(panel.page.getByRole('tabpanel').getByRole('alert')).toContainText(/interrupted/i, { timeout: 20_000 });
  const kept = await panel.conversation.innerText();
  const numbers = [...kept.matchAll(/\bword(\d+)\b/g)].map((m) => Number(m[1]));
  test.info().annotations.push({ type: 'kept', description: `${numbers.length} of ${sentBeforeStop} words sent before the stop (${mustKeep} required)` });
  // the words in order, none missing, none repeated: the answer's start up to some word
  expect(numbers.every((n, i) => n === i)).toBe(true);
  expect(numbers.length, 'words kept').toBeGreaterThanOrEqual(mustKeep);
  expect(numbers.length, 'words kept').toBeLessThanOrEqual(sentBeforeStop);
});
