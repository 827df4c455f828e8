// 2. Messages and bytes across the store bridge for one streamed answer, divided by the answer's
// length; with the side panel alone, and with 30 web pages open (each with the content script).
//
// Counted in the worker: every chrome.runtime.sendMessage and chrome.tabs.sendMessage call from
// the command to the instance being idle (+ a settle), with JSON.stringify(message).length as its
// size. Two streams of the same 43,890-character answer: `long-5000` (as fast as the server can:
// few, large updates) and `slow-5000-1` (one chunk per ~1 ms for ~6 s: an update every 200 ms).
// And one flow run (`cmd/flows/run`) of one step with 3 parallel actions of `long-5000` each,
// divided by the length of the 3 outputs: each action's growing output should travel as appends.
import { runStandalone, isMain } from './lib/cli.mjs';
import { command, useLocalProvider, waitAllIdle } from './lib/flowbar.mjs';
import { startLlmServerProcess } from './lib/llmServerProcess.mjs';
import { startPageServer } from './lib/pageServer.mjs';
import { publish, row } from './lib/report.mjs';
import { resetInstances, runAnswer, startSession } from './lib/session.mjs';
import { longAnswerText, median, sleep, withTimeout } from './lib/util.mjs';

export const name = 'bridge';
export const title = '2. Store bridge traffic';
export const budgetMs = 15 * 60_000;

// issue 14: the finished answer moves into the conversation without crossing again
const TARGET_BYTES_PER_CHAR = 1.2;
const STREAMS = [
  { label: 'burst', model: 'long-5000', chunks: 5000 },
  { label: 'paced', model: 'slow-5000-1', chunks: 5000 },
];

const FLOW = { label: 'flow', model: 'long-5000', actions: 3, chunks: 5000 };

/** One flow of one step whose FLOW.actions actions all stream FLOW.model from the bench provider. */
async function saveBenchFlow(worker) {
  const actions = Array.from({ length: FLOW.actions }, (_, i) => ({
    name: `action_${i + 1}`,
    promptId: null,
    messages: [{ role: 'user', content: `Bench question ${i + 1}` }],
    providerId: 'ollama',
    model: FLOW.model,
    fileIds: [],
  }));
  const saved = await command(worker, 'cmd/flows/save', {
    id: 'bench-flow',
    name: 'Bench flow',
    steps: [{ name: 'Parallel', continueOnError: false, actions }],
  });
  return saved?.id ?? saved?.payload?.id ?? 'bench-flow';
}

async function runFlowOnce(worker, flowId) {
  const started = await command(worker, 'cmd/flows/run', { flowId, usePage: false });
  const runId = started?.runId ?? started?.payload?.runId;
  return withTimeout(
    worker.evaluate(async (id) => {
      const run = () => globalThis.flowbar.store.getState().flowRuns.byId[id];
      while (run()?.status === 'running') await new Promise((r) => setTimeout(r, 20));
      const actions = run()?.steps.flatMap((s) => s.actions) ?? [];
      return { status: run()?.status ?? null, outputLength: actions.reduce((n, a) => n + a.output.length, 0), outputs: actions.map((a) => a.output.length) };
    }, runId),
    120_000,
    'the bench flow to finish',
  );
}

async function measureFlow({ worker, page, runs }) {
  const flowId = await saveBenchFlow(worker);
  const expected = longAnswerText(FLOW.chunks).length * FLOW.actions;
  const results = [];
  for (let i = 0; i < runs; i++) {
    await quiesce(worker);
    const before = await page.evaluate(() => ({ ...window.__bench.received }));
    await worker.evaluate(() => globalThis.__bench.record(true));
    const run = await runFlowOnce(worker, flowId);
    await sleep(500); // the last patches (completion, saves) reach the page
    const messages = await worker.evaluate(() => {
      globalThis.__bench.record(false);
      return globalThis.__bench.messages;
    });
    const after = await page.evaluate(() => ({ ...window.__bench.received }));
    const tabs = messages.filter((m) => m.via === 'tabs.sendMessage');
    results.push({
      answerLength: run.outputLength,
      complete: run.status === 'completed' && run.outputLength === expected,
      messages: messages.length,
      bytes: messages.reduce((sum, m) => sum + m.bytes, 0),
      tabsMessages: tabs.length,
      tabsBytes: tabs.reduce((sum, m) => sum + m.bytes, 0),
      appendChars: messages.reduce((sum, m) => sum + m.appendChars, 0),
      largestMessageBytes: Math.max(0, ...messages.map((m) => m.bytes)),
      panelReceived: { count: after.count - before.count, bytes: after.bytes - before.bytes },
    });
  }
  return results;
}

/** Waits until the worker has sent nothing for `quietMs` (bounded). */
async function quiesce(worker, quietMs = 800, timeoutMs = 15_000) {
  await worker.evaluate(() => globalThis.__bench.record(true));
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const count = await worker.evaluate(() => globalThis.__bench.messages.length);
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) break;
    await sleep(100);
  }
  await worker.evaluate(() => globalThis.__bench.record(false));
}

async function measure({ worker, page, stream, runs }) {
  const expected = longAnswerText(stream.chunks);
  const results = [];
  for (let i = 0; i < runs; i++) {
    await quiesce(worker);
    const before = await page.evaluate(() => ({ ...window.__bench.received }));
    await worker.evaluate(() => globalThis.__bench.record(true));
    const answer = await runAnswer({ worker, page, lastWord: `word${stream.chunks - 1}` });
    await waitAllIdle(worker);
    await sleep(500); // the last patches (completion, saves) reach the page
    const messages = await worker.evaluate(() => {
      globalThis.__bench.record(false);
      return globalThis.__bench.messages;
    });
    const after = await page.evaluate(() => ({ ...window.__bench.received }));
    const byVia = (via) => messages.filter((m) => m.via === via);
    const runtime = byVia('runtime.sendMessage');
    const tabs = byVia('tabs.sendMessage');
    results.push({
      answerLength: answer.answerLength,
      complete: answer.answerLength === expected.length,
      messages: messages.length,
      bytes: messages.reduce((sum, m) => sum + m.bytes, 0),
      runtimeMessages: runtime.length,
      runtimeBytes: runtime.reduce((sum, m) => sum + m.bytes, 0),
      tabsMessages: tabs.length,
      tabsBytes: tabs.reduce((sum, m) => sum + m.bytes, 0),
      patches: messages.filter((m) => m.type === 'flowbar.patch').length,
      streamingAppends: messages.filter((m) => m.streamTextAppend).length,
      appendChars: messages.reduce((sum, m) => sum + m.appendChars, 0),
      largestMessageBytes: Math.max(0, ...messages.map((m) => m.bytes)),
      panelReceived: { count: after.count - before.count, bytes: after.bytes - before.bytes },
      visibleMs: answer.visibleMs,
    });
    await resetInstances(worker);
  }
  return results;
}

export async function run({ quick = false } = {}) {
  const llm = await startLlmServerProcess();
  const pages = await startPageServer();
  let session;
  const results = {};
  try {
    session = await startSession({ llmUrl: llm.url, model: 'long-5000' });
    const { context, worker, page } = session;
    const runs = quick ? 1 : 3;
    // warm-up
    await runAnswer({ worker, page, lastWord: 'word4999' });
    await resetInstances(worker);
    for (const tabs of [1, 30]) {
      if (tabs === 30) {
        const opened = [];
        for (let i = 0; i < 30; i++) {
          const tab = await context.newPage();
          await withTimeout(tab.goto(`${pages.url}/article.html?n=${i}`, { waitUntil: 'load' }), 20_000, `tab ${i}`);
          opened.push(tab);
        }
        await page.bringToFront();
        await sleep(1000); // content scripts start at document_idle
        results.openTabs = context.pages().length;
      }
      for (const stream of STREAMS) {
        await useLocalProvider(worker, llm.url, stream.model);
        results[`${stream.label}-${tabs}`] = await measure({ worker, page, stream, runs });
      }
      results[`${FLOW.label}-${tabs}`] = await measureFlow({ worker, page, runs });
    }
  } finally {
    await session?.close();
    await pages.close();
    await llm.close();
  }

  const rows = [];
  const med = (list, key) => median(list.map((r) => r[key]));
  for (const stream of STREAMS) {
    const one = results[`${stream.label}-1`];
    const thirty = results[`${stream.label}-30`];
    const length = med(one, 'answerLength');
    for (const [tabs, list] of [
      [1, one],
      [30, thirty],
    ]) {
      const lost = list.filter((r) => !r.complete).length;
      rows.push(
        row({
          metric: `${stream.label} (${stream.model}), ${tabs} tab${tabs > 1 ? 's' : ''}: bytes ÷ answer length`,
          value: med(list, 'bytes') / med(list, 'answerLength'),
          unit: 'B/char',
          target: { op: '<=', value: TARGET_BYTES_PER_CHAR },
          note: lost ? `${lost} run(s) with an incomplete answer` : undefined,
        }),
      );
      rows.push(row({ metric: `  messages (tabs.sendMessage: ${med(list, 'tabsMessages')})`, value: med(list, 'messages'), unit: 'msgs', note: undefined }));
      rows.push(row({ metric: '  messages per 1,000 answer chars', value: (med(list, 'messages') / length) * 1000, unit: 'msgs' }));
      rows.push(row({ metric: '  of which streamed text (append ops) ÷ length', value: med(list, 'appendChars') / length, unit: 'B/char' }));
    }
    rows.push(
      row({
        metric: `${stream.label}: bytes with 30 tabs ÷ bytes with 1 tab`,
        value: med(thirty, 'bytes') / med(one, 'bytes'),
        unit: '×',
        target: { op: '<=', value: 1.05 },
      }),
    );
  }
  {
    const one = results[`${FLOW.label}-1`];
    const thirty = results[`${FLOW.label}-30`];
    const length = med(one, 'answerLength');
    for (const [tabs, list] of [
      [1, one],
      [30, thirty],
    ]) {
      const lost = list.filter((r) => !r.complete).length;
      rows.push(
        row({
          metric: `flow (${FLOW.actions} parallel actions × ${FLOW.model}), ${tabs} tab${tabs > 1 ? 's' : ''}: bytes ÷ output length`,
          value: med(list, 'bytes') / med(list, 'answerLength'),
          unit: 'B/char',
          target: { op: '<=', value: TARGET_BYTES_PER_CHAR },
          note: lost ? `${lost} run(s) incomplete` : undefined,
        }),
      );
      rows.push(row({ metric: `  messages (tabs.sendMessage: ${med(list, 'tabsMessages')})`, value: med(list, 'messages'), unit: 'msgs' }));
      rows.push(row({ metric: '  of which appended output ÷ length', value: med(list, 'appendChars') / length, unit: 'B/char' }));
    }
    rows.push(
      row({
        metric: `${FLOW.label}: bytes with 30 tabs ÷ bytes with 1 tab`,
        value: med(thirty, 'bytes') / med(one, 'bytes'),
        unit: '×',
        target: { op: '<=', value: 1.05 },
      }),
    );
  }
  return publish(name, title, rows, {
    method:
      "Worker probe wraps chrome.runtime.sendMessage and chrome.tabs.sendMessage (both namespaces) during one answer: from cmd/prompt/run to idle + 500 ms. bytes = JSON.stringify(message).length. The panel counts what it receives on the store channel as a cross-check (panelReceived). The flow case: cmd/flows/run of one step with 3 parallel long-5000 actions, from the command to the run ending + 500 ms, bytes ÷ the 3 outputs' length.",
    answerLength: longAnswerText(5000).length,
    openTabs: results.openTabs,
    results,
  });
}

if (isMain(import.meta.url)) await runStandalone({ name, title, budgetMs, run });
