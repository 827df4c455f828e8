import { launchFlowbar, openPanel } from '../lib/flowbar.mjs';
import { startLlmServerProcess } from '../lib/llmServerProcess.mjs';
const llm = await startLlmServerProcess();
const fb = await launchFlowbar();
try {
  const { context, worker, extensionId } = fb;
  const body = JSON.stringify({ model: 'long-5000', stream: true, messages: [{ role: 'user', content: 'x' }] });
  const gen = async () => {
    async function* a() { for (let i = 0; i < 5000; i++) { await null; yield i; } }
    async function* b() { for await (const x of a()) yield x; }
    async function* c() { for await (const x of b()) yield x; }
    const t0 = performance.now(); let n = 0; for await (const x of c()) n++; return { genMs: performance.now() - t0, n };
  };
  const parse = async ({ url, body }) => {
    const t0 = performance.now();
    const res = await fetch(url + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const reader = res.body.getReader(); const dec = new TextDecoder(); let buf = '', n = 0;
    for (;;) { const { done, value } = await reader.read(); if (done) break; buf += dec.decode(value, { stream: true }); const lines = buf.split('\n'); buf = lines.pop(); for (const l of lines) if (l.startsWith('data: {')) { JSON.parse(l.slice(6)); n++; } }
    return { parseMs: performance.now() - t0, n };
  };
  const sdk = async ({ url }) => {
    const t0 = performance.now(); let parts = 0;
    for await (const p of flowbar.services.chatStream({ providerName: 'x', baseURL: url, model: 'long-5000', messages: [{ role: 'user', content: 'x' }] })) if (p.type === 'text-delta') parts++;
    return { sdkMs: performance.now() - t0, parts };
  };
  for (let i = 0; i < 2; i++) {
    console.log('sw', await worker.evaluate(gen), await worker.evaluate(parse, { url: llm.url, body }), await worker.evaluate(sdk, { url: llm.url }));
  }
  const page = await openPanel(context, extensionId);
  for (let i = 0; i < 2; i++) console.log('page', await page.evaluate(gen), await page.evaluate(parse, { url: llm.url, body }));
} finally { await fb.close(); await llm.close(); }
