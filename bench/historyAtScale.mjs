// 4. History at scale: with 10,000 stored instances, the time to open the History view and show its
// first page, and to search it.
//
// The instances are seeded straight into the worker's database (bench/lib/seedHistory.mjs), then
// the browser is restarted on the same profile, so the first opening is a cold one (a new worker,
// an unopened database). Times run from the user's input (the click on History, the input event
// of the search box, captured before the app sees it) to the result in the DOM (+ next frame).
// The same searches are also timed inside the worker alone (the database query), and from the
// panel's command round trip, to tell the parts apart.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runStandalone, isMain } from './lib/cli.mjs';
import { launchFlowbar, openPanel } from './lib/flowbar.mjs';
import { historyShownAfter, installPanelProbe, workerHybridSearch } from './lib/probes.mjs';
import { findThreads, startTrace, summarizeTasks, taskBreakdown, tasksOf } from './lib/trace.mjs';
import { publish, row } from './lib/report.mjs';
import { seedHistory } from './lib/seedHistory.mjs';
import { median, sleep, summarize, withTimeout } from './lib/util.mjs';

export const name = 'history';
export const title = '4. History at scale';
export const budgetMs = 15 * 60_000;

const COUNT = 10_000;
const TARGET_MS = 150;
// issue 14: search results within 100 ms of the last key
const TARGET_SEARCH_MS = 100;
const QUERIES = [
  { query: 'tangerine', what: 'rare word (12 hits)' },
  { query: 'photosynthesis', what: '1 % of instances' },
  { query: 'energy', what: '~60 % of instances' },
  { query: 'en', what: 'first 2 letters of "energy"' },
  { query: 'energy tangerine', what: 'two words' },
];

async function clickHistory(page) {
  const before = await page.evaluate(() => performance.timeOrigin + performance.now());
  await page.getByRole('button', { name: 'History', exact: true }).click();
  return before;
}

async function openHistory(page) {
  const since = await clickHistory(page);
  const shown = await withTimeout(page.evaluate(historyShownAfter, { since, timeoutMs: 30_000 }), 35_000, 'the history first page');
  const clickAt = await page.evaluate(() => window.__bench.marks.click);
  if (!shown) throw new Error('the history did not show');
  return { ...shown, inputAt: clickAt, shownMs: shown.shownAt - clickAt, frameMs: shown.frameAt - clickAt, commandMs: shown.answeredAt - shown.sentAt };
}

async function search(page, query) {
  const since = await page.evaluate(() => performance.timeOrigin + performance.now());
  // Watching starts before the input: results that come before Playwright's fill() returns count from when they came.
  const watching = page.evaluate(historyShownAfter, { since, timeoutMs: 30_000, query });
  await page.getByRole('searchbox', { name: 'Search history' }).fill(query);
  const shown = await withTimeout(watching, 35_000, `search "${query}"`);
  const inputAt = await page.evaluate(() => window.__bench.marks.input);
  if (!shown) throw new Error(`search "${query}" showed nothing`);
  return {
    ...shown,
    inputAt,
    shownMs: shown.shownAt - inputAt,
    frameMs: shown.frameAt - inputAt,
    commandMs: shown.answeredAt - shown.sentAt,
    waitBeforeCommandMs: shown.sentAt - inputAt,
  };
}

/** Typed one key at a time, as a person does: from the last key to the final results. */
async function typeSearch(page, query, keyDelayMs) {
  const box = page.getByRole('searchbox', { name: 'Search history' });
  await box.fill('');
  await page.evaluate(historyShownAfter, { since: 0, timeoutMs: 30_000, query: '' });
  const since = await page.evaluate(() => performance.timeOrigin + performance.now());
  // Watching starts before the first key. pressSequentially waits `keyDelayMs` after the last key
  // too: a watch started after it returns (as before 2026-12-02) saw results that had been on screen
  // for most of that wait only then, and so measured at least the key delay (the 250 ms case: 263 ms).
  // Only the last key's query matches `query`, so earlier results do not count.
  const watching = page.evaluate(historyShownAfter, { since, timeoutMs: 60_000, query });
  await box.pressSequentially(query, { delay: keyDelayMs });
  const shown = await withTimeout(watching, 65_000, `typed search "${query}"`);
  const lastKeyAt = await page.evaluate(() => window.__bench.marks.input);
  const commands = await page.evaluate(
    (since) =>
      window.__bench.commands.filter((c) => c.type === 'cmd/history/search' && c.sentAt >= since).map((c) => ({ query: c.query, ms: c.answeredAt - c.sentAt })),
    since,
  );
  if (!shown) throw new Error(`typed search "${query}" showed nothing`);
  return { frameMs: shown.frameAt - lastKeyAt, commands };
}

/** One warm opening under a trace: what the panel's main thread did between the click and the frame. */
async function tracedOpen(context, page, extensionId) {
  const cdp = await context.newCDPSession(page);
  const stopTrace = await startTrace(cdp);
  const opened = await openHistory(page);
  const events = await stopTrace();
  await cdp.detach();
  const { main } = findThreads(events, `chrome-extension://${extensionId}/sidepanel.html`);
  const tasks = tasksOf(events, main);
  const summary = summarizeTasks(tasks);
  return {
    frameMs: opened.frameMs,
    panelBusyMs: summary.busyMs,
    longestTaskMs: summary.longestMs,
    longestBreakdown: main && summary.longest.ms ? taskBreakdown(events, main, summary.longest) : [],
  };
}

export async function run({ quick = false } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'flowbar-bench-history-'));
  const repeats = quick ? 2 : 5;
  const result = { seed: null, openAtOnce: null, open: [], tracedOpen: null, searches: {}, typed: null, workerQuery: {}, whatIf: {} };
  try {
    // 1. seed, in a first browser session
    let flowbar = await launchFlowbar({ userDataDir: profile });
    try {
      result.seed = await seedHistory(flowbar.worker, COUNT);
    } finally {
      await flowbar.close();
    }
    // 2. a new browser session on the same profile, History clicked the moment the panel is up: the
    // worker is new and the panel has not loaded History's code yet (it does once idle)
    flowbar = await launchFlowbar({ userDataDir: profile });
    try {
      const page = await openPanel(flowbar.context, flowbar.extensionId, { initScripts: [installPanelProbe] });
      result.openAtOnce = await openHistory(page);
    } finally {
      await flowbar.close();
    }
    // 3. again, History clicked once the panel has settled (1.5 s): the first opening is cold for the
    // worker and its database, as a user's first look at History is
    flowbar = await launchFlowbar({ userDataDir: profile });
    try {
      const page = await openPanel(flowbar.context, flowbar.extensionId, { initScripts: [installPanelProbe] });
      await sleep(1500);
      for (let i = 0; i < repeats + 1; i++) {
        result.open.push(await openHistory(page));
        await clickHistory(page); // back to the instance view
        await sleep(200);
      }
      result.tracedOpen = await tracedOpen(flowbar.context, page, flowbar.extensionId);
      await clickHistory(page);
      await sleep(200);
      // searches, typed into the open History view
      await clickHistory(page);
      await page.getByRole('searchbox', { name: 'Search history' }).waitFor({ timeout: 10_000 });
      await sleep(500);
      for (const { query } of QUERIES) {
        result.searches[query] = [];
        for (let i = 0; i < repeats; i++) {
          result.searches[query].push(await search(page, query));
          await search(page, ''); // back to the full list
        }
      }
      result.typed = await typeSearch(page, 'energy', 250);
      // as fast as a quick typist (each key's search starts before the previous one is answered)
      result.typedFast = await typeSearch(page, 'tangerine', 60);
      // the database query alone, in the worker
      for (const { query } of ['', ...QUERIES.map((q) => q.query)].map((query) => ({ query }))) {
        result.workerQuery[query] = await flowbar.worker.evaluate(
          async ({ query, repeats }) => {
            const times = [];
            let items = 0;
            let hasMore = false;
            for (let i = 0; i < repeats; i++) {
              const t0 = performance.now();
              const page = await globalThis.flowbar.store.dispatch({ type: 'cmd/history/search', payload: { query, offset: 0, limit: 30 }, _sender: {} });
              times.push(performance.now() - t0);
              items = (page?.items ?? page?.payload?.items ?? []).length;
              hasMore = page?.hasMore ?? page?.payload?.hasMore;
            }
            return { times, items, hasMore };
          },
          { query, repeats },
        );
        result.whatIf[query] = [];
        for (let i = 0; i < repeats; i++) result.whatIf[query].push(await flowbar.worker.evaluate(workerHybridSearch, { query }));
      }
    } finally {
      await flowbar.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }

  const rows = [];
  const [cold, ...warm] = result.open;
  const med = (list, key) => median(list.map((x) => x[key]));
  rows.push(
    row({
      metric: `open History, first page (cold: new worker, panel settled), ${COUNT.toLocaleString('en-US')} instances`,
      value: cold.frameMs,
      unit: 'ms',
      target: { op: '<', value: TARGET_MS },
      note: `${cold.items} entries shown; command round trip ${cold.commandMs.toFixed(0)} ms`,
    }),
  );
  rows.push(
    row({
      metric: '  same, clicked the moment the panel is up (History’s code not loaded yet)',
      value: result.openAtOnce.frameMs,
      unit: 'ms',
      note: `click → search command sent ${(result.openAtOnce.sentAt - result.openAtOnce.inputAt).toFixed(0)} ms; command round trip ${result.openAtOnce.commandMs.toFixed(0)} ms`,
    }),
  );
  rows.push(
    row({
      metric: 'open History, first page (warm, median)',
      value: med(warm, 'frameMs'),
      unit: 'ms',
      target: { op: '<', value: TARGET_MS },
      note: `command round trip ${med(warm, 'commandMs').toFixed(0)} ms`,
    }),
  );
  rows.push(row({ metric: '  worker: database query, first page', value: median(result.workerQuery[''].times), unit: 'ms' }));
  for (const { query, what } of QUERIES) {
    const runs = result.searches[query];
    rows.push(
      row({
        metric: `search "${query}" (${what}): input → results shown`,
        value: med(runs, 'frameMs'),
        unit: 'ms',
        target: { op: '<', value: TARGET_SEARCH_MS },
        note: `debounce wait ${med(runs, 'waitBeforeCommandMs').toFixed(0)} ms + command ${med(runs, 'commandMs').toFixed(0)} ms + render; ${runs[0].items} entries`,
      }),
    );
    rows.push(row({ metric: `  worker: database query "${query}"`, value: median(result.workerQuery[query].times), unit: 'ms' }));
    rows.push(
      row({
        metric: `  what-if: bounded index probe, then newest rows "${query}"`,
        value: median(result.whatIf[query].map((r) => r.ms)),
        unit: 'ms',
        baseline: { value: median(result.workerQuery[query].times), label: 'as is' },
        note:
          result.whatIf[query][0].items === result.workerQuery[query].items
            ? `${result.whatIf[query][0].path} path`
            : `DIFFERENT RESULTS: ${result.whatIf[query][0].items} vs ${result.workerQuery[query].items} items`,
      }),
    );
  }
  rows.push(
    row({
      metric: 'typed "energy", a key every 250 ms: last key → results',
      value: result.typed.frameMs,
      unit: 'ms',
      target: { op: '<', value: TARGET_SEARCH_MS },
      note: `queries run: ${result.typed.commands.map((c) => `"${c.query}" ${Math.round(c.ms)} ms`).join(', ')}`,
    }),
  );
  if (result.typedFast)
    rows.push(
      row({
        metric: 'typed "tangerine", a key every 60 ms: last key → results',
        value: result.typedFast.frameMs,
        unit: 'ms',
        target: { op: '<', value: TARGET_SEARCH_MS },
        note: `queries run: ${result.typedFast.commands.map((c) => `"${c.query}" ${Math.round(c.ms)} ms`).join(', ')}`,
      }),
    );
  rows.push(
    row({
      metric: '  traced warm open: panel main-thread busy time',
      value: result.tracedOpen.panelBusyMs,
      unit: 'ms',
      note: `longest task ${result.tracedOpen.longestTaskMs} ms: ${result.tracedOpen.longestBreakdown
        .slice(0, 4)
        .map((b) => `${b.name} ${b.ms} ms`)
        .join(', ')}`,
    }),
  );
  return publish(name, title, rows, {
    method:
      'Seeded with bench/lib/seedHistory.mjs (rows as toInstanceRow writes them), browser restarted on the same profile. Open: click on "History" (capture-phase click time) → the first page in the DOM after the search command answered, + next animation frame. Search: Playwright fill() (capture-phase input time) → same. Worker: cmd/history/search dispatched in the worker (limit 30).',
    seed: result.seed,
    open: { coldMs: cold.frameMs, warm: summarize(warm.map((o) => o.frameMs)), runs: result.open },
    searches: Object.fromEntries(
      Object.entries(result.searches).map(([q, runs]) => [
        q,
        { frameMs: summarize(runs.map((r) => r.frameMs)), commandMs: summarize(runs.map((r) => r.commandMs)), runs },
      ]),
    ),
    workerQuery: Object.fromEntries(Object.entries(result.workerQuery).map(([q, r]) => [q, { ms: summarize(r.times), items: r.items, hasMore: r.hasMore }])),
    whatIfHybrid: Object.fromEntries(
      Object.entries(result.whatIf).map(([q, runs]) => [
        q,
        { ms: summarize(runs.map((r) => r.ms)), items: runs[0]?.items, hasMore: runs[0]?.hasMore, path: runs[0]?.path },
      ]),
    ),
    typed: result.typed,
    typedFast: result.typedFast,
    tracedOpen: result.tracedOpen,
  });
}

if (isMain(import.meta.url)) await runStandalone({ name, title, budgetMs, run });
