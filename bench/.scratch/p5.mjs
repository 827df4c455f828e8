import { launchFlowbar } from '../lib/flowbar.mjs';
import { startLlmServerProcess } from '../lib/llmServerProcess.mjs';
const llm = await startLlmServerProcess();
const fb = await launchFlowbar();
try {
  const { worker } = fb;
  const sdk = async ({ url, mode, max }) => {
    const orig = globalThis.__origFetch ??= globalThis.fetch;
    const sizes = [];
    globalThis.fetch = async (...args) => {
      const res = await orig(...args);
      if (!res.body || mode === 'none') return res;
      const reader = res.body.getReader();
      const body = new ReadableStream({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          sizes.push(value.length);
          if (mode === 'observe') return controller.enqueue(value);
          for (let i = 0; i < value.length; i += max) controller.enqueue(value.subarray(i, i + max));
        },
        cancel(reason) { return reader.cancel(reason); },
      });
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
    try {
      const t0 = performance.now(); let parts = 0;
      for await (const p of flowbar.services.chatStream({ providerName: 'x', baseURL: url, model: 'long-5000', messages: [{ role: 'user', content: 'x' }] })) if (p.type === 'text-delta') parts++;
      return { mode, ms: Math.round(performance.now() - t0), parts, reads: sizes.length, maxRead: Math.max(0, ...sizes) };
    } finally { globalThis.fetch = orig; }
  };
  for (let i = 0; i < 3; i++) for (const [mode, max] of [['observe', 0], ['rechunk', 16384], ['rechunk', 4096]]) console.log(await worker.evaluate(sdk, { url: llm.url, mode, max }));
} finally { await fb.close(); await llm.close(); }
