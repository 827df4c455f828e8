import { launchFlowbar, openPanel, attachWorkerSession } from '../lib/flowbar.mjs';
import { startLlmServerProcess } from '../lib/llmServerProcess.mjs';
const llm = await startLlmServerProcess();
const fb = await launchFlowbar();
try {
  const { context, worker, extensionId } = fb;
  const page = await openPanel(context, extensionId);
  const cdp = await context.newCDPSession(page);
  const sw = await attachWorkerSession(cdp);
  await sw.send('Profiler.enable');
  await sw.send('Profiler.setSamplingInterval', { interval: 200 });
  const sdk = async ({ url }) => {
    const t0 = performance.now(); let parts = 0;
    for await (const p of flowbar.services.chatStream({ providerName: 'x', baseURL: url, model: 'long-5000', messages: [{ role: 'user', content: 'x' }] })) if (p.type === 'text-delta') parts++;
    return { sdkMs: performance.now() - t0, parts };
  };
  await worker.evaluate(sdk, { url: llm.url });
  await sw.send('Profiler.start');
  console.log(await worker.evaluate(sdk, { url: llm.url }));
  const { profile } = await sw.send('Profiler.stop');
  const self = new Map(); const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const dt = profile.timeDeltas; const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
  for (const [id, us] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; self.set(k, (self.get(k) || 0) + us); }
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `${(us / 1000).toFixed(1)}ms ${k}`).join('\n'));
  await sw.detach();
} finally { await fb.close(); await llm.close(); }
