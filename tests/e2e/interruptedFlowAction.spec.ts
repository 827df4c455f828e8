import { badge, card } from './support/flowPages';
import { test, expect } from './support/extensionFixture';
import { expectKeptWords, LONG_ANSWER_SCENARIO, stopWorkerMidAnswer } from './support/workerStop';

// The flow twin of interruptedAnswer.spec.ts: a flow action streams 20,000 chunks over ten seconds
// and the worker is stopped half a second in. Its output comes back from the pieces saved while it
// streamed (lib/flows/actionPieces.ts), not from the run row, which is written at status changes only.
const SCENARIO = LONG_ANSWER_SCENARIO;
const STOP_AFTER_MS = 500;
const FLOW = 'One long answer';

test('a worker stopped half a second into a long flow action keeps everything the server sent until 250 ms before the stop', async ({
  context,
  worker,
  llm,
  openPanel,
  useLocalProvider,
}) => {
  await useLocalProvider(SCENARIO);
  // The flow itself is set up through its command (flows.spec.ts builds one in the editor).
  await worker.evaluate(async (name) => {
    const { store } = (globalThis as unknown as { flowbar: { store: { dispatch(a: unknown): Promise<unknown> } } }).flowbar;
    await store.dispatch({
      type: 'cmd/flows/save',
      payload: {
        name,
        steps: [
          {
            name: '',
            continueOnError: false,
            actions: [{ name: 'story', promptId: null, messages: [{ role: 'user', content: 'Tell a long story.' }], providerId: null, model: '', fileIds: [] }],
          },
        ],
      },
      _sender: {},
    });
  }, FLOW);

  const panel = await openPanel();
  // Ready before the answer starts, so the stop itself takes no time to set up.
  const cdp = await context.newCDPSession(panel);
  await cdp.send('ServiceWorker.enable');
  await panel.getByRole('button', { name: 'Flows', exact: true }).click();
  await panel.getByRole('button', { name: `Run flow ${FLOW}` }).click();
  await expect(panel.getByRole('status', { name: 'Run status: Running' })).toBeVisible();

  const stop = await stopWorkerMidAnswer(cdp, llm, SCENARIO, STOP_AFTER_MS);

  // The panel wakes a new worker, whose store was rebuilt from the database and the saved pieces;
  // the panel starts over on its first view, and the run is in the flow's runs history.
  // (Until it has reconnected, the panel still shows the old worker's state: so, again until it works.)
  await expect(async () => {
    const flowsToggle = panel.getByRole('button', { name: 'Flows', exact: true });
    if ((await flowsToggle.getAttribute('aria-pressed')) !== 'true') await flowsToggle.click({ timeout: 1000 });
    const runsOfFlow = panel.getByRole('button', { name: `Runs of ${FLOW}` });
    if (await runsOfFlow.isVisible()) await runsOfFlow.click({ timeout: 1000 });
    await panel
      .getByRole('region', { name: `Runs of ${FLOW}` })
      .getByRole('button', { name: /Interrupted/ })
      .click({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(panel.getByRole('status', { name: 'Run status: Interrupted' })).toBeVisible();
  const story = card(panel, 'story');
  await expect(badge(story, 'Failed')).toBeVisible();
  await expect(story).toContainText('Interrupted');
  const kept = await story.innerText();
  expectKeptWords(kept, stop);
  // and Resume runs it again
  await expect(panel.getByRole('button', { name: /Resume/ })).toBeEnabled();
});
