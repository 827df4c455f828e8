// 5. Concurrency: 20 instances streaming at once from the local server. No token may be lost
// (each answer is compared with what the server wrote for that request), the panel must stay
// responsive, and the memory of the service worker and of the panel is taken after all complete.
//
// Two loads: `slow-250-20` (250 chunks 20 ms apart, ~5 s each: paced like real models) and
// `long-5000` (as fast as the server can). Each instance's selection carries a marker that the
// server sees in the request, so each answer is matched with the response that produced it.
// Responsiveness: real mouse clicks on instance tabs while the answers stream (Event Timing:
// input → next paint), event-loop lag (50 ms timer lateness) and long tasks in the panel.
// Memory: JS heap after a forced GC, through DevTools (the worker has no performance.memory).
import { runStandalone, isMain } from './lib/cli.mjs';
import { attachWorkerSession, heapAfterGc, useLocalProvider, waitAllIdle } from './lib/flowbar.mjs';
import { startLlmServerProcess } from './lib/llmServerProcess.mjs';
import { publish, row } from './lib/report.mjs';
import { resetInstances, startSession } from './lib/session.mjs';
import { findThreads, startTrace, summarizeTasks, taskBreakdown, tasksOf } from './lib/trace.mjs';
import { median, percentile, sleep, withTimeout } from './lib/util.mjs';

export const name = 'concurrency';
export const title = '5. Twenty answers at once';
export const budgetMs = 15 * 60_000;

const INSTANCES = 20;
const LOADS = [
  { label: 'paced', model: 'slow-250-20', chunks: 250 },
  { label: 'burst', model: 'long-5000', chunks: 5000 },
];
const MB = 2 ** 20;

async function clickSomeTab(page, round) {
  // a visible tab, alternating, by real mouse input
  const box = await page.evaluate((round) => {
    const tabs = [...document.querySelectorAll('[role="tab"]')].filter((t) => {
      const r = t.getBoundingClientRect();
      return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight;
    });
    const tab = tabs[round % Math.max(1, tabs.length)];
    if (!tab) return null;
    const r = tab.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, round);
  if (box) await page.mouse.click(box.x, box.y);
  return Boolean(box);
}

async function runLoad({ session, llm, cdp, sw, load, before }) {
  const { worker, page } = session;
  await useLocalProvider(worker, llm.url, load.model);
  await llm.reset();
  // the trace first: starting and ending one stalls the page, which the lag probe must not see
  const stopTrace = await startTrace(cdp);
  await page.evaluate(() => {
    window.__bench.lag.start();
    window.__bench.interactionsFrom = window.__bench.interactions?.length ?? 0;
    window.__bench.longTasksFrom = window.__bench.longTasks?.length ?? 0;
  });
  const started = await worker.evaluate(async (count) => {
    const t0 = performance.timeOrigin + performance.now();
    const results = await Promise.all(
      Array.from({ length: count }, (_, k) =>
        globalThis.flowbar.store.dispatch({
          type: 'cmd/prompt/run',
          payload: { promptId: 'summarize', usePage: false, variables: { selection: `bench-marker-${k}` } },
          _sender: {},
        }),
      ),
    );
    return { t0, ids: results.map((r) => r?.instanceId ?? r?.payload?.instanceId) };
  }, INSTANCES);

  // interact while they stream
  let clicks = 0;
  const busy = () =>
    worker.evaluate(() =>
      Object.values(globalThis.flowbar.store.getState().promptExecution.instances).some((i) => ['initializing', 'executing', 'streaming'].includes(i.status)),
    );
  const deadline = Date.now() + 180_000;
  while ((await busy()) && Date.now() < deadline) {
    if (await clickSomeTab(page, clicks)) clicks += 1;
    await sleep(300);
  }
  await waitAllIdle(worker, 60_000);
  const doneAt = await worker.evaluate(() => performance.timeOrigin + performance.now());
  await sleep(500);
  const panel = await page.evaluate(() => ({
    lag: window.__bench.lag.stop(),
    interactions: (window.__bench.interactions ?? []).slice(window.__bench.interactionsFrom),
    longTasks: (window.__bench.longTasks ?? []).slice(window.__bench.longTasksFrom),
  }));
  const events = await stopTrace();
  const threads = findThreads(events, `chrome-extension://${session.extensionId}/sidepanel.html`);
  const panelTasks = summarizeTasks(tasksOf(events, threads.main));
  const workerTasks = summarizeTasks(tasksOf(events, threads.worker));
  const traced = {
    panel: {
      longestMs: panelTasks.longestMs,
      longestCpuMs: panelTasks.longestCpuMs,
      over50Cpu: tasksOf(events, threads.main).filter((t) => (t.cpuMs ?? 0) > 50).length,
      over50: panelTasks.over50,
      busyMs: panelTasks.busyMs,
      breakdown: panelTasks.longest.ms ? taskBreakdown(events, threads.main, panelTasks.longest) : [],
    },
    worker: {
      longestMs: workerTasks.longestMs,
      over50: workerTasks.over50,
      busyMs: workerTasks.busyMs,
      breakdown: workerTasks.longest.ms ? taskBreakdown(events, threads.worker, workerTasks.longest) : [],
    },
  };

  // what the server wrote, per marker, against what the instances hold
  const server = await llm.stats(true);
  const answers = await worker.evaluate((ids) => {
    const state = globalThis.flowbar.store.getState();
    return ids.map((id) => {
      const instance = state.promptExecution.instances[id];
      const answer = instance?.conversation.messages.filter((m) => m.role === 'assistant').at(-1);
      return {
        id,
        status: instance?.status,
        marker: /bench-marker-(\d+)/.exec(instance?.variables.userValues.selection ?? '')?.[1] ?? null,
        text: answer?.content ?? '',
        partial: answer?.metadata?.partial ?? null,
      };
    });
  }, started.ids);
  const calls = await worker.evaluate((n) => globalThis.__bench.calls.slice(-n), INSTANCES);
  let lostChunks = 0;
  let mismatched = 0;
  for (const answer of answers) {
    const sent = server.responses.find((r) => r.marker === answer.marker);
    if (!sent || sent.text !== answer.text) {
      mismatched += 1;
      const received = answer.text.split(/(?<=\s)(?=\S)/).filter(Boolean).length;
      lostChunks += Math.max(0, (sent?.chunks ?? load.chunks) - received);
    }
  }

  // memory after all complete (forced GC)
  const memory = { workerAfter: await heapAfterGc(sw), panelAfter: await heapAfterGc(cdp) };

  // every answer reaches the panel: open each tab and look for its last word
  const lastWord = `word${load.chunks - 1}`;
  let shownInPanel = 0;
  for (const id of started.ids) {
    const found = await page.evaluate(
      async ({ id, lastWord }) => {
        document.getElementById(`tab-${id}`)?.click();
        const deadline = performance.now() + 10_000;
        for (;;) {
          const log = document.getElementById(`panel-${id}`)?.querySelector('[role="log"]');
          if (log?.textContent?.includes(lastWord)) return true;
          if (performance.now() > deadline) return false;
          await new Promise((r) => setTimeout(r, 20));
        }
      },
      { id, lastWord },
    );
    if (found) shownInPanel += 1;
  }

  const firstTokens = calls.map((c) => (c.firstTextAt ? c.firstTextAt - started.t0 : null)).filter((x) => x !== null);
  await resetInstances(worker);
  memory.workerClosed = await heapAfterGc(sw);
  memory.panelClosed = await heapAfterGc(cdp);
  return {
    load: load.label,
    model: load.model,
    wallMs: doneAt - started.t0,
    maxInFlight: server.maxInFlight,
    responses: server.responses.length,
    abortedResponses: server.responses.filter((r) => r.aborted).length,
    lostChunks,
    mismatched,
    partial: answers.filter((a) => a.partial).length,
    statuses: answers.map((a) => a.status),
    shownInPanel,
    firstTokenMs: { median: median(firstTokens), max: Math.max(...firstTokens) },
    clicks,
    interactions: panel.interactions,
    maxInteractionMs: Math.max(0, ...panel.interactions.map((i) => i.duration)),
    lagMs: { p95: percentile(panel.lag, 95), max: Math.max(0, ...panel.lag) },
    traced,
    longTasks: { count: panel.longTasks.length, maxMs: Math.max(0, ...panel.longTasks.map((t) => t.duration)) },
    memoryMB: {
      workerBefore: before.worker.usedBytes / MB,
      workerAfter: memory.workerAfter.usedBytes / MB,
      workerAfterClose: memory.workerClosed.usedBytes / MB,
      panelBefore: before.panel.usedBytes / MB,
      panelAfter: memory.panelAfter.usedBytes / MB,
      panelAfterClose: memory.panelClosed.usedBytes / MB,
    },
  };
}

export async function run({ quick = false } = {}) {
  const llm = await startLlmServerProcess();
  let session;
  const results = [];
  try {
    session = await startSession({ llmUrl: llm.url, model: 'slow-250-20' });
    const cdp = await session.context.newCDPSession(session.page);
    const sw = await attachWorkerSession(cdp);
    await sleep(500);
    const before = { worker: await heapAfterGc(sw), panel: await heapAfterGc(cdp) };
    for (const load of quick ? LOADS.slice(0, 1) : LOADS) {
      results.push(await withTimeout(runLoad({ session, llm, cdp, sw, load, before }), 300_000, `${INSTANCES} × ${load.model}`));
    }
    await sw.detach();
  } finally {
    await session?.close();
    await llm.close();
  }

  const rows = [];
  for (const r of results) {
    rows.push(
      row({
        metric: `${r.load} (${INSTANCES} × ${r.model}): chunks lost`,
        value: r.lostChunks,
        unit: '',
        target: { op: '==', value: 0 },
        note: r.mismatched ? `${r.mismatched} answers differ from what the server sent` : `all ${INSTANCES} answers equal what the server sent`,
      }),
    );
    rows.push(row({ metric: '  answers complete in the panel', value: r.shownInPanel, unit: `/ ${INSTANCES}`, target: { op: '==', value: INSTANCES } }));
    rows.push(
      row({
        metric: '  streams in flight at the server (max)',
        value: r.maxInFlight,
        unit: '',
        note: r.maxInFlight < INSTANCES ? 'the browser opens at most 6 HTTP/1.1 connections per host: the others wait' : undefined,
      }),
    );
    rows.push(row({ metric: '  all 20 done after', value: r.wallMs, unit: 'ms' }));
    rows.push(row({ metric: '  first token: median / slowest instance', value: r.firstTokenMs.median, unit: `ms / ${Math.round(r.firstTokenMs.max)} ms` }));
    rows.push(
      row({
        metric: `  tab clicks while streaming: slowest (input → paint), ${r.clicks} clicks`,
        value: r.maxInteractionMs,
        unit: 'ms',
        target: { op: '<=', value: 100 },
        note: r.interactions.length ? undefined : 'every click under 16 ms (none reported by Event Timing)',
      }),
    );
    rows.push(row({ metric: '  panel event-loop lag: p95 / max', value: r.lagMs.p95, unit: `ms / ${Math.round(r.lagMs.max)} ms` }));
    const top = (b) =>
      b
        .slice(0, 3)
        .map((x) => `${x.name} ${x.ms} ms`)
        .join(', ');
    rows.push(
      row({
        metric: '  panel: longest task (trace)',
        value: r.traced.panel.longestMs,
        unit: 'ms',
        target: { op: '<=', value: 50 },
        note: `${r.traced.panel.over50} tasks > 50 ms; longest: ${top(r.traced.panel.breakdown)}`,
      }),
    );
    rows.push(
      row({
        metric: '  panel: most CPU time in one task (the rest of a long task is waiting for a core)',
        value: r.traced.panel.longestCpuMs,
        unit: 'ms',
        target: { op: '<=', value: 50 },
        note: `${r.traced.panel.over50Cpu} tasks > 50 ms of CPU`,
      }),
    );
    rows.push(
      row({
        metric: '  worker: longest task (trace)',
        value: r.traced.worker.longestMs,
        unit: 'ms',
        note: `${r.traced.worker.over50} tasks > 50 ms; longest: ${top(r.traced.worker.breakdown)}`,
      }),
    );
    rows.push(
      row({
        metric: '  worker JS heap after all complete (before: ' + r.memoryMB.workerBefore.toFixed(1) + ' MB)',
        value: r.memoryMB.workerAfter,
        unit: 'MB',
        note: `after closing the 20: ${r.memoryMB.workerAfterClose.toFixed(1)} MB`,
      }),
    );
    rows.push(
      row({
        metric: '  panel JS heap after all complete (before: ' + r.memoryMB.panelBefore.toFixed(1) + ' MB)',
        value: r.memoryMB.panelAfter,
        unit: 'MB',
        note: `after closing the 20: ${r.memoryMB.panelAfterClose.toFixed(1)} MB`,
      }),
    );
  }
  return publish(name, title, rows, {
    method:
      '20 × cmd/prompt/run dispatched together in the worker; each selection carries a marker the server sees. Server side: the SSE text written per response (child process). Answers: the last assistant message of each instance in the worker store, compared exactly; then each tab opened in the panel and its log checked for the last word. Clicks: page.mouse.click on a visible tab every ~300 ms while any instance is busy; Event Timing entries ≥ 16 ms. Memory: HeapProfiler.collectGarbage ×2 then Runtime.getHeapUsage (worker through Target.attachToTarget from the panel session).',
    results,
  });
}

if (isMain(import.meta.url)) await runStandalone({ name, title, budgetMs, run });
