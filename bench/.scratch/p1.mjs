import { launchFlowbar, useLocalProvider, openPanel, command, waitAllIdle } from '../lib/flowbar.mjs';
import { installWorkerProbe, installPanelProbe } from '../lib/probes.mjs';
import { startLlmServerProcess } from '../lib/llmServerProcess.mjs';
import { wallNow } from '../lib/util.mjs';
const llm = await startLlmServerProcess();
const fb = await launchFlowbar();
try {
  const { context, worker, extensionId } = fb;
  console.log(await worker.evaluate(installWorkerProbe), await worker.evaluate(() => [typeof globalThis.browser, globalThis.browser === globalThis.chrome, __bench.namespaces]));
  await useLocalProvider(worker, llm.url, 'long-5000');
  const page = await openPanel(context, extensionId, { initScripts: [installPanelProbe] });
  page.on('console', (m) => console.log('panel:', m.text()));
  for (let i = 0; i < 4; i++) {
    await page.evaluate(() => __bench.watch('word4999'));
    const c0 = await page.evaluate(() => __bench.commits);
    await worker.evaluate(() => __bench.record(true));
    const r = await worker.evaluate(async () => { const t0 = performance.timeOrigin + performance.now(); const res = await flowbar.store.dispatch({ type: 'cmd/prompt/run', payload: { promptId: 'summarize', usePage: false, variables: { selection: 'bench' } }, _sender: {} }); return { t0, res }; });
    const found = await page.evaluate(() => __bench.found('word4999', 30000));
    await waitAllIdle(worker);
    const w = await worker.evaluate(() => ({ calls: __bench.calls.slice(-1), msgs: __bench.messages }));
    await worker.evaluate(() => __bench.record(false));
    const p = await page.evaluate(() => ({ commits: __bench.commits, lt: __bench.longTasks.slice(-5), rec: __bench.received, cmds: __bench.commands.slice(-3) }));
    const call = w.calls[0];
    console.log({ total: found.at - r.t0, frame: found.frameAt - r.t0, setup: call.calledAt - r.t0, read: call.lastTextAt - call.calledAt, deliver: found.at - call.lastTextAt, parts: call.parts, commits: p.commits - c0, nmsgs: w.msgs.length, bytes: w.msgs.reduce((a, m) => a + m.bytes, 0), lt: p.lt, rec: p.rec });
    console.log(w.msgs.map(m => `${(m.t - r.t0).toFixed(0)} ${m.type} ${m.bytes} ops=${m.ops} app=${m.appendChars} ${m.streamTextAppend}`).join('\n'));
  }
  console.log(await page.evaluate(() => document.querySelector('[role=tabpanel]')?.innerText.slice(-200)));
} finally { await fb.close(); await llm.close(); }
