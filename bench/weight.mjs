// 6. Weight: the built sizes (gzip) of the content script, of the side panel (its page and every
// file it loads before its first paint) and of the background; and how long the side panel takes
// to paint when it is opened.
//
// Opening times are read in the panel itself, from its navigation start: first paint and first
// contentful paint (Paint Timing), and "ready", the first frame with the real UI (the prompt
// picker), which needs the worker's state. Cold: the first panel of a freshly started browser
// (fresh profile, no code cache). Warm: further panels in the same browser. Worker asleep: the
// service worker stopped first (as Chrome does after 30 s idle), so opening the panel wakes it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runStandalone, isMain } from './lib/cli.mjs';
import { extensionSnapshot, launchFlowbar } from './lib/flowbar.mjs';
import { publish, row } from './lib/report.mjs';
import { findThreads, startTrace, summarizeTasks, taskBreakdown, tasksOf } from './lib/trace.mjs';
import { median, sleep, summarize, withTimeout } from './lib/util.mjs';

export const name = 'weight';
export const title = '6. Weight and side panel opening';
export const budgetMs = 10 * 60_000;

const TARGET_CONTENT_GZIP_KB = 10;
// issue 14: the UI painted within 200 ms, worker awake or asleep
const TARGET_FIRST_PAINT_MS = 200;

// ------------------------------------------------------------------ sizes
const STATIC_IMPORT = /(?:^|[;\s})])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.js)["']\s*\)/g;

function fileSize(dir, file) {
  const data = readFileSync(path.join(dir, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** A file and everything it imports statically (what must load before it runs). */
function withStaticImports(dir, entry) {
  const seen = new Set();
  const lazy = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(STATIC_IMPORT)) visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])));
    for (const m of source.matchAll(DYNAMIC_IMPORT)) lazy.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])));
  };
  visit(entry);
  return { files: [...seen], lazy: [...lazy].filter((f) => !seen.has(f)) };
}

function pageFiles(dir, htmlFile) {
  const html = readFileSync(path.join(dir, htmlFile), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)].map((m) => m[1].replace(/^\//, ''));
  const files = new Set([htmlFile]);
  const lazy = new Set();
  for (const ref of refs) {
    if (ref.endsWith('.js')) {
      const graph = withStaticImports(dir, ref);
      graph.files.forEach((f) => files.add(f));
      graph.lazy.forEach((f) => lazy.add(f));
    } else files.add(ref);
  }
  return { files: [...files], lazy: [...lazy].filter((f) => !files.has(f)) };
}

function total(dir, files) {
  const sizes = files.map((f) => fileSize(dir, f));
  return { files: sizes, bytes: sizes.reduce((s, f) => s + f.bytes, 0), gzip: sizes.reduce((s, f) => s + f.gzip, 0) };
}

export function measureSizes(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const contentFiles = (manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  const panel = pageFiles(dir, manifest.side_panel?.default_path ?? 'sidepanel.html');
  const background = withStaticImports(dir, manifest.background?.service_worker ?? 'background.js');
  // The React UI, when the page loads it after its first paint (session 2: boot.tsx): the page's
  // first lazy chunk named boot-*, and what it imports statically.
  const boot = panel.lazy.find((f) => /(^|\/)boot-[^/]*\.js$/.test(f));
  const bootFiles = boot ? withStaticImports(dir, boot).files.filter((f) => !panel.files.includes(f)) : [];
  return {
    content: total(dir, [...new Set(contentFiles)]),
    sidePanel: { ...total(dir, panel.files), lazy: panel.lazy, reactUi: boot ? total(dir, bootFiles) : null },
    background: { ...total(dir, background.files), lazy: background.lazy },
  };
}

// ------------------------------------------------------------------ opening the panel
/** Installed before the panel loads: when the prompt picker first shows, and the frame after. */
function installOpenProbe() {
  window.__open = { readyAt: null, readyFrameAt: null, liveAt: null, liveFrameAt: null, lcp: [] };
  // Paint Timing and LCP report when a frame was presented; requestAnimationFrame only when it began.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.__open.lcp.push({ at: e.renderTime || e.startTime, size: e.size, text: (e.element?.textContent ?? '').slice(0, 40) });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  // "ready": the first screen with the prompt picker (since session 2 the pre-React shell, drawn from
  // the storage.session snapshot); "live": React's UI with the worker's state (#root's .app, not the aria-busy preview).
  const check = () => {
    if (window.__open.readyAt === null && document.querySelector('select[aria-label="Prompt"]')) {
      window.__open.readyAt = performance.now();
      requestAnimationFrame(() => (window.__open.readyFrameAt = performance.now()));
    }
    if (window.__open.liveAt === null && document.querySelector('#root .app:not([aria-busy])')) {
      window.__open.liveAt = performance.now();
      requestAnimationFrame(() => (window.__open.liveFrameAt = performance.now()));
    }
    if (window.__open.readyAt !== null && window.__open.liveAt !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true });
}

async function openAndTime(context, extensionId, { trace = false } = {}) {
  const page = await context.newPage();
  await page.addInitScript(installOpenProbe);
  const cdp = trace ? await context.newCDPSession(page) : null;
  const stopTrace = cdp ? await startTrace(cdp) : null;
  await withTimeout(page.goto(`chrome-extension://${extensionId}/sidepanel.html`), 30_000, 'the side panel to open');
  const times = await withTimeout(
    page.evaluate(async () => {
      const deadline = performance.now() + 20_000;
      while ((window.__open.readyFrameAt === null || window.__open.liveFrameAt === null) && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 300)); // the UI's frame is presented and reported
      const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        firstPaint: paint['first-paint'] ?? null,
        firstContentfulPaint: paint['first-contentful-paint'] ?? null,
        ready: window.__open.readyAt,
        readyFrame: window.__open.readyFrameAt,
        liveFrame: window.__open.liveFrameAt,
        // the largest text painted once the UI is there (the empty state or the open conversation)
        // (no such entry: the frame it was rendered in, by requestAnimationFrame)
        uiPainted: window.__open.lcp.filter((e) => e.at >= (window.__open.readyAt ?? Infinity) - 1).at(0)?.at ?? window.__open.readyFrameAt,
        lcp: window.__open.lcp,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      };
    }),
    30_000,
    'the side panel to be ready',
  );
  if (stopTrace) {
    // what the panel's main thread did until the UI showed
    const events = await stopTrace();
    const { main } = findThreads(events, `chrome-extension://${extensionId}/sidepanel.html`);
    const tasks = tasksOf(events, main);
    const summary = summarizeTasks(tasks);
    const totals = new Map();
    for (const task of tasks) for (const part of taskBreakdown(events, main, task)) totals.set(part.name, (totals.get(part.name) ?? 0) + part.ms);
    times.trace = {
      busyMs: summary.busyMs,
      longestTaskMs: summary.longestMs,
      longestTask: taskBreakdown(events, main, summary.longest),
      byActivity: [...totals]
        .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8),
    };
    await cdp.detach();
  }
  times.workerEpoch = await page.evaluate(
    () =>
      new Promise((resolve) =>
        chrome.runtime.sendMessage({ type: 'webext.fetch_state', channelName: 'flowbar.store' }, (r) => resolve(r?.bridge?.epoch ?? null)),
      ),
  );
  await page.close();
  return times;
}

async function stopServiceWorker(context) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
  } finally {
    await page.close();
  }
  await sleep(500);
}

export async function run({ quick = false } = {}) {
  const snapshot = extensionSnapshot();
  const sizes = measureSizes(snapshot.dir);
  const cold = [];
  const warm = [];
  const asleep = [];
  let tracedCold = null;
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const flowbar = await launchFlowbar();
    try {
      cold.push(await openAndTime(flowbar.context, flowbar.extensionId));
      if (i === 0) tracedCold = await openAndTime(flowbar.context, flowbar.extensionId, { trace: true });
      if (i === 0) {
        for (let j = 0; j < (quick ? 2 : 5); j++) warm.push(await openAndTime(flowbar.context, flowbar.extensionId));
        for (let j = 0; j < (quick ? 1 : 3); j++) {
          const epochBefore = warm.at(-1)?.workerEpoch ?? cold.at(-1)?.workerEpoch;
          await stopServiceWorker(flowbar.context);
          const opened = await openAndTime(flowbar.context, flowbar.extensionId);
          opened.workerRestarted = opened.workerEpoch !== null && opened.workerEpoch !== epochBefore;
          asleep.push(opened);
        }
      }
    } finally {
      await flowbar.close();
    }
  }

  const kb = (bytes) => bytes / 1024;
  const med = (list, key) => median(list.map((t) => t[key]));
  const rows = [
    row({
      metric: 'content script (gzip)',
      value: kb(sizes.content.gzip),
      unit: 'KB',
      target: { op: '<', value: TARGET_CONTENT_GZIP_KB },
      note: `${kb(sizes.content.bytes).toFixed(1)} KB raw; ${sizes.content.files.map((f) => f.file).join(', ')}`,
    }),
    row({
      metric: 'side panel: page + files loaded before first paint (gzip)',
      value: kb(sizes.sidePanel.gzip),
      unit: 'KB',
      note: `${kb(sizes.sidePanel.bytes).toFixed(1)} KB raw: ${sizes.sidePanel.files.map((f) => `${f.file} ${kb(f.gzip).toFixed(1)} KB`).join(', ')}`,
    }),
    row({
      metric: 'side panel: the React UI, loaded after the first paint (gzip)',
      value: sizes.sidePanel.reactUi ? kb(sizes.sidePanel.reactUi.gzip) : null,
      unit: 'KB',
      note: sizes.sidePanel.reactUi
        ? sizes.sidePanel.reactUi.files.map((f) => `${f.file} ${kb(f.gzip).toFixed(1)} KB`).join(', ')
        : 'none: the UI is in the files above',
    }),
    row({ metric: 'background service worker (gzip)', value: kb(sizes.background.gzip), unit: 'KB', note: `${kb(sizes.background.bytes).toFixed(1)} KB raw` }),
    row({
      metric: 'side panel cold open: first paint',
      value: med(cold, 'firstPaint'),
      unit: 'ms',
      target: { op: '<', value: TARGET_FIRST_PAINT_MS },
      note: `first contentful paint ${med(cold, 'firstContentfulPaint')?.toFixed(0)} ms`,
    }),
    row({
      metric: 'side panel cold open: UI painted (prompt picker; LCP)',
      value: med(cold, 'uiPainted'),
      unit: 'ms',
      target: { op: '<', value: TARGET_FIRST_PAINT_MS },
      note: `rendered (rAF) at ${med(cold, 'readyFrame')?.toFixed(0)} ms`,
    }),
    row({
      metric: '  … React UI live (worker state, controls enabled; rAF)',
      value: med(cold, 'liveFrame'),
      unit: 'ms',
      note: 'info: the shell above is replaced by the real UI here',
    }),
    row({
      metric: '  (second panel, traced) main-thread busy until the UI',
      value: tracedCold?.trace?.busyMs ?? null,
      unit: 'ms',
      note: tracedCold?.trace
        ? tracedCold.trace.byActivity
            .slice(0, 5)
            .map((b) => `${b.name} ${b.ms} ms`)
            .join(', ')
        : 'no trace',
    }),
    row({
      metric: 'side panel warm open: first paint / UI painted',
      value: med(warm, 'firstPaint'),
      unit: `ms / ${med(warm, 'uiPainted')?.toFixed(0)} ms (live ${med(warm, 'liveFrame')?.toFixed(0)} ms)`,
    }),
    row({
      metric: 'side panel open with the worker asleep: first paint',
      value: med(asleep, 'firstPaint'),
      unit: 'ms',
      target: { op: '<', value: TARGET_FIRST_PAINT_MS },
      note: `worker restarted in ${asleep.filter((a) => a.workerRestarted).length} of ${asleep.length} openings`,
    }),
    row({
      metric: '  … UI painted (wakes and hydrates the worker)',
      value: med(asleep, 'uiPainted'),
      unit: 'ms',
      target: { op: '<', value: TARGET_FIRST_PAINT_MS },
    }),
    row({ metric: '  … React UI live (rAF)', value: med(asleep, 'liveFrame'), unit: 'ms', note: 'info' }),
  ];
  return publish(name, title, rows, {
    method:
      'Sizes: the build snapshot (manifest entries; a page’s <script>/<link> files and their static imports), gzip level 9. Opening: Paint Timing (first-paint), and “UI painted” = the first largest-contentful-paint entry at or after the prompt picker (select[aria-label="Prompt"]) entered the DOM (presentation time); all from the panel’s navigation start. Cold: first panel after launching a fresh browser (median of launches). Asleep: ServiceWorker.stopAllWorkers before opening.',
    build: { snapshotOf: '.output/chrome-mv3', builtAt: snapshot.builtAt },
    sizes,
    open: {
      cold: {
        firstPaint: summarize(cold.map((t) => t.firstPaint)),
        uiPainted: summarize(cold.map((t) => t.uiPainted)),
        live: summarize(cold.map((t) => t.liveFrame)),
        runs: cold,
      },
      warm: {
        firstPaint: summarize(warm.map((t) => t.firstPaint)),
        uiPainted: summarize(warm.map((t) => t.uiPainted)),
        live: summarize(warm.map((t) => t.liveFrame)),
        runs: warm,
      },
      workerAsleep: {
        firstPaint: summarize(asleep.map((t) => t.firstPaint)),
        uiPainted: summarize(asleep.map((t) => t.uiPainted)),
        live: summarize(asleep.map((t) => t.liveFrame)),
        runs: asleep,
      },
      tracedSecondOpen: tracedCold,
    },
  });
}

if (isMain(import.meta.url)) await runStandalone({ name, title, budgetMs, run });
