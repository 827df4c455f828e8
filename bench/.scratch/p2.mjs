import { launchFlowbar, useLocalProvider, openPanel } from '../lib/flowbar.mjs';
import { startLlmServerProcess } from '../lib/llmServerProcess.mjs';
const llm = await startLlmServerProcess();
const fb = await launchFlowbar();
try {
  const { context, worker, extensionId } = fb;
  const body = JSON.stringify({ model: 'long-5000', stream: true, messages: [{ role: 'user', content: 'x' }] });
  const rawFetch = async ({ url, body }) => {
    const t0 = performance.now();
    const res = await fetch(url + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const reader = res.body.getReader(); let bytes = 0, reads = 0, maxGap = 0, last = performance.now();
    for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.length; reads++; }
    return { ms: performance.now() - t0, bytes, reads };
  };
  const sdk = async ({ url }) => {
    const t0 = performance.now(); let parts = 0;
    for await (const p of flowbar.services.chatStream({ providerName: 'x', baseURL: url, model: 'long-5000', messages: [{ role: 'user', content: 'x' }] })) if (p.type === 'text-delta') parts++;
    return { ms: performance.now() - t0, parts };
  };
  const timerProbe = async () => { };
  for (let i = 0; i < 3; i++) {
    console.log('sw raw', await worker.evaluate(rawFetch, { url: llm.url, body }));
    console.log('sw chatStream', await worker.evaluate(sdk, { url: llm.url }));
  }
  const page = await openPanel(context, extensionId);
  for (let i = 0; i < 3; i++) console.log('page raw', await page.evaluate(rawFetch, { url: llm.url, body }));
  // timer starvation check in SW
  console.log('sw timers during chatStream', await worker.evaluate(async ({ url }) => {
    let fired = []; const t0 = performance.now();
    const iv = setInterval(() => fired.push(Math.round(performance.now() - t0)), 50);
    let parts = 0;
    for await (const p of flowbar.services.chatStream({ providerName: 'x', baseURL: url, model: 'long-5000', messages: [{ role: 'user', content: 'x' }] })) parts++;
    clearInterval(iv);
    return { ms: performance.now() - t0, fired };
  }, { url: llm.url }));
} finally { await fb.close(); await llm.close(); }
