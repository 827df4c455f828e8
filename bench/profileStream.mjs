// Diagnosis, not a benchmark: where the service worker's time goes during one streamed answer.
// A V8 CPU profile of the worker (raw CDP Profiler through the panel's session, see
// attachWorkerSession) and counts of the per-answer work: store updates, bridge patches (each one
// a structured clone by runtime.sendMessage) and rows written to `taskChunks`.
//
//   node bench/profileStream.mjs [--chunks 20000] [--ext DIR] [--out FILE.cpuprofile]
//
// --ext: an unminified build gives readable function names (e.g. a copy of wxt.config.ts with
// `vite: () => ({ build: { minify: false } })` and its own outDir, built with `wxt build -c`).
import { writeFileSync } from 'node:fs';
import { attachWorkerSession, launchFlowbar, openPanel, useLocalProvider } from './lib/flowbar.mjs';
import { startLlmServerProcess } from './lib/llmServerProcess.mjs';
import { installPanelProbe, installWorkerProbe } from './lib/probes.mjs';
import { resetInstances, runAnswer } from './lib/session.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const chunks = Number(arg('chunks', '20000'));
const extDir = arg('ext', undefined);
const out = arg('out', `/tmp/flowbar-worker-${chunks}.cpuprofile`);

/** Counters installed in the worker: store notifications, their actions' types, taskChunks rows. */
function installCounters() {
  const g = globalThis;
  const { store, services } = g.flowbar;
  const counts = { notifications: 0, chunkRows: 0, chunkChars: 0 };
  g.__counts = counts;
  const now = () => performance.timeOrigin + performance.now();
  counts.events = [];
  store.subscribe(() => {
    counts.notifications += 1;
    counts.events.push({ t: now(), what: 'store' });
  });
  const inner = services.chatStream;
  services.chatStream = async function* batchTimes(request) {
    for await (const batch of inner(request)) {
      counts.events.push({ t: now(), what: `batch ${batch.length}` });
      yield batch;
    }
  };
  services.db.taskChunks.hook('creating', (_key, row) => {
    counts.chunkRows += 1;
    counts.events.push({ t: now(), what: `piece ${row.text?.length}` });
    counts.chunkChars += row.text?.length ?? 0;
  });
  return 'ok';
}

/** Self and total time per function (by name and place) from a V8 CPU profile, in ms. */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    let node = byId.get(profile.samples[i]);
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set();
    while (node) {
      const k = key(node);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + ms);
      }
      node = byId.get(parent.get(node.id));
    }
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`);
  return { self: top(self, 40), total: top(total, 60) };
}

const llm = await startLlmServerProcess();
const flowbar = await launchFlowbar(extDir ? { extDir } : {});
try {
  const { worker, context, extensionId } = flowbar;
  await worker.evaluate(installWorkerProbe);
  await worker.evaluate(installCounters);
  await useLocalProvider(worker, llm.url, `long-${chunks}`);
  const page = await openPanel(context, extensionId, { initScripts: [installPanelProbe] });
  const lastWord = `word${chunks - 1}`;
  // warm-up
  for (let i = 0; i < 2; i++) {
    await runAnswer({ worker, page, lastWord });
    await resetInstances(worker);
  }
  const pageSession = await context.newCDPSession(page);
  const ws = await attachWorkerSession(pageSession);
  await ws.send('Profiler.enable');
  await ws.send('Profiler.setSamplingInterval', { interval: 100 });
  await worker.evaluate(() => Object.assign(globalThis.__counts, { notifications: 0, chunkRows: 0, chunkChars: 0, events: [] }));
  await worker.evaluate(() => globalThis.__bench.record(true));
  await page.evaluate(() => {
    window.__received = [];
    chrome.runtime.onMessage.addListener((m) => {
      if (Array.isArray(m?.fbp)) window.__received.push({ t: performance.timeOrigin + performance.now(), what: `received ${JSON.stringify(m).length}` });
    });
  });
  await ws.send('Profiler.start');
  const run = await runAnswer({ worker, page, lastWord });
  const { profile } = await ws.send('Profiler.stop', {}, 60_000);
  const received = await page.evaluate(() => window.__received);
  const counts = await worker.evaluate(() => {
    globalThis.__bench.record(false);
    const patches = globalThis.__bench.messages.filter((m) => m.type === 'flowbar.patch');
    return {
      ...globalThis.__counts,
      patches: patches.length,
      patchBytes: patches.reduce((s, m) => s + m.bytes, 0),
      patchOps: patches.reduce((s, m) => s + m.ops, 0),
    };
  });
  writeFileSync(out, JSON.stringify(profile));
  const sent = (await worker.evaluate(() => globalThis.__bench.messages)).map((m) => ({
    t: m.t,
    what: `patch sent ${m.bytes} B ${m.ops} ops +${m.appendChars}`,
  }));
  const call = await worker.evaluate(() => globalThis.__bench.calls.at(-1));
  const marks = [
    { t: run.t0, what: 'command' },
    { t: call.calledAt, what: 'called' },
    { t: call.firstTextAt, what: 'first text' },
    { t: call.lastTextAt, what: 'last text' },
    { t: run.t0 + run.visibleMs, what: 'SEEN in panel' },
  ];
  const timeline = [...marks, ...sent, ...received, ...counts.events].sort((a, b) => a.t - b.t);
  console.log(timeline.map((e) => `${(e.t - run.t0).toFixed(1).padStart(8)}  ${e.what}`).join('\n'));
  delete counts.events;
  const { self, total } = summarize(profile);
  console.log(JSON.stringify({ chunks, run, counts }, null, 1));
  console.log('--- self time ---');
  console.log(self.join('\n'));
  console.log('--- total time ---');
  console.log(total.join('\n'));
  console.log(`profile: ${out}`);
  await ws.detach();
} finally {
  await flowbar.close();
  await llm.close();
}
setTimeout(() => process.exit(0), 100).unref();
