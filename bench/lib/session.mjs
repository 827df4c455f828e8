// A benchmark session: Flowbar launched, instrumented, pointed at the local server, its panel open;
// and one streamed answer run and timed end to end.
import { closeAllInstances, launchFlowbar, openPanel, useLocalProvider, waitAllIdle } from './flowbar.mjs';
import { installPanelProbe, installWorkerProbe } from './probes.mjs';
import { sleep, withTimeout } from './util.mjs';

/**
 * @param {{ llmUrl: string, model: string, panel?: boolean, args?: string[], extDir?: string }} options
 *   extDir: another unpacked build than this checkout's (to compare two builds in one run)
 */
export async function startSession({ llmUrl, model, panel = true, args = [], extDir }) {
  const flowbar = await launchFlowbar(extDir ? { args, extDir } : { args });
  try {
    await flowbar.worker.evaluate(installWorkerProbe);
    await useLocalProvider(flowbar.worker, llmUrl, model);
    const page = panel ? await openPanel(flowbar.context, flowbar.extensionId, { initScripts: [installPanelProbe] }) : null;
    return { ...flowbar, page };
  } catch (error) {
    await flowbar.close();
    throw error;
  }
}

/**
 * Runs the built-in "Summarize" prompt on `selection` (a command, as the panel sends it) and
 * waits until `lastWord` is in the panel's rendered answer and the instance is idle.
 * Times are wall-clock ms; phases come from the worker probe's record of the model call.
 */
export async function runAnswer({ worker, page, selection = 'bench', lastWord, timeoutMs = 120_000 }) {
  if (page) await page.evaluate((word) => window.__bench.watch(word), lastWord);
  const callsBefore = await worker.evaluate(() => globalThis.__bench.calls.length);
  const started = await withTimeout(
    worker.evaluate(async (text) => {
      const t0 = performance.timeOrigin + performance.now();
      const result = await globalThis.flowbar.store.dispatch({
        type: 'cmd/prompt/run',
        payload: { promptId: 'summarize', usePage: false, variables: { selection: text } },
        _sender: {},
      });
      return { t0, instanceId: result?.instanceId ?? result?.payload?.instanceId ?? null };
    }, selection),
    30_000,
    'cmd/prompt/run',
  );
  const seen = page
    ? await withTimeout(
        page.evaluate(([word, ms]) => window.__bench.found(word, ms), [lastWord, timeoutMs]),
        timeoutMs + 10_000,
        `"${lastWord}" in the panel`,
      )
    : { at: null, frameAt: null };
  await waitAllIdle(worker, timeoutMs);
  const state = await worker.evaluate(
    ({ instanceId, callsBefore }) => {
      const instance = globalThis.flowbar.store.getState().promptExecution.instances[instanceId];
      const answer = instance?.conversation.messages.filter((m) => m.role === 'assistant').at(-1);
      return {
        call: globalThis.__bench.calls[callsBefore] ?? null,
        status: instance?.status ?? null,
        answerLength: answer?.content.length ?? null,
        completedAt: performance.timeOrigin + performance.now(),
      };
    },
    { instanceId: started.instanceId, callsBefore },
  );
  const { t0 } = started;
  const call = state.call;
  return {
    instanceId: started.instanceId,
    t0,
    visibleMs: seen.at === null ? null : seen.at - t0,
    frameMs: seen.frameAt === null ? null : seen.frameAt - t0,
    setupMs: call ? call.calledAt - t0 : null,
    readMs: call?.lastTextAt ? call.lastTextAt - call.calledAt : null,
    deliverMs: call?.lastTextAt && seen.at !== null ? seen.at - call.lastTextAt : null,
    firstTokenMs: call?.firstTextAt ? call.firstTextAt - t0 : null,
    parts: call?.parts ?? null,
    chars: call?.chars ?? null,
    answerLength: state.answerLength,
    status: state.status,
  };
}

/** Closes the open instances and lets the panel settle, so every run starts from the same state. */
export async function resetInstances(worker) {
  await waitAllIdle(worker, 60_000);
  await closeAllInstances(worker);
  await sleep(300);
}
