import { launchFlowbar, useLocalProvider, openPanel, waitAllIdle } from '../lib/flowbar.mjs';
import { installWorkerProbe, installPanelProbe } from '../lib/probes.mjs';
import { startLlmServerProcess } from '../lib/llmServerProcess.mjs';
const llm = await startLlmServerProcess();
const fb = await launchFlowbar();
try {
  const { context, worker, extensionId } = fb;
  await useLocalProvider(worker, llm.url, 'slow-2000-1');
  const page = await openPanel(context, extensionId, { initScripts: [installPanelProbe] });
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', '__metadata'] } });
  await page.evaluate(() => __bench.watch('word1999'));
  await worker.evaluate(() => flowbar.store.dispatch({ type: 'cmd/prompt/run', payload: { promptId: 'summarize', usePage: false, variables: { selection: 'bench' } }, _sender: {} }));
  console.log(await page.evaluate(() => __bench.found('word1999', 30000)));
  await waitAllIdle(worker);
  await cdp.send('Tracing.end');
  await done;
  console.log('events', events.length);
  const names = new Map(); for (const e of events) names.set(e.name + '|' + e.cat, (names.get(e.name + '|' + e.cat) || 0) + 1);
  console.log([...names].sort((a, b) => b[1] - a[1]).slice(0, 30));
  const meta = events.filter(e => e.ph === 'M' && (e.name === 'thread_name' || e.name === 'process_name' || e.name === 'process_labels'));
  console.log(meta.map(e => `${e.pid}/${e.tid} ${e.name} ${JSON.stringify(e.args)}`).join('\n'));
  const tsib = events.find(e => e.name === 'TracingStartedInBrowser');
  console.log(JSON.stringify(tsib?.args).slice(0, 1500));
  const runTasks = events.filter(e => e.name === 'RunTask' && e.ph === 'X');
  const byThread = new Map(); for (const e of runTasks) { const k = e.pid + '/' + e.tid; const v = byThread.get(k) || { n: 0, max: 0 }; v.n++; v.max = Math.max(v.max, e.dur / 1000); byThread.set(k, v); }
  console.log(byThread);
} finally { await fb.close(); await llm.close(); }
