import { test, expect } from './support/extensionFixture';
import { SidePanelPage } from './support/sidePanelPage';
import { expectKeptWords, LONG_ANSWER_SCENARIO, stopWorkerMidAnswer } from './support/workerStop';

// 20,000 chunks over ten seconds: the worker is stopped well before the end.
const SCENARIO = LONG_ANSWER_SCENARIO;
const STOP_AFTER_MS = 500;

test('a worker stopped half a second into a fast answer keeps everything the server sent until 250 ms before the stop', async ({
  context,
  openArticle,
  llm,
  openPanel,
  useLocalProvider,
}) => {
  await useLocalProvider(SCENARIO);
  await openArticle();
  const panel = new SidePanelPage(await openPanel());
  // Ready before the answer starts, so the stop itself takes no time to set up.
  const cdp = await context.newCDPSession(panel.page);
  await cdp.send('ServiceWorker.enable');

  await panel.runPrompt('Summarize');
  const stop = await stopWorkerMidAnswer(cdp, llm, SCENARIO, STOP_AFTER_MS);

  // The panel wakes a new worker, whose store was rebuilt from the saved pieces.
  await expect(panel.page.getByRole('tabpanel').getByRole('alert')).toContainText(/interrupted/i, { timeout: 20_000 });
  const kept = await panel.conversation.innerText();
  expectKeptWords(kept, stop);
});
