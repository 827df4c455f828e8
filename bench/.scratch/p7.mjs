import { startSession } from '../lib/session.mjs';
import { startLlmServerProcess } from '../lib/llmServerProcess.mjs';
import { startTrace, findThreads } from '../lib/trace.mjs';
const llm = await startLlmServerProcess();
const s = await startSession({ llmUrl: llm.url, model: 'long-100' });
try {
  const cdp = await s.context.newCDPSession(s.page);
  const stop = await startTrace(cdp);
  await s.page.evaluate(() => new Promise(r => setTimeout(r, 300)));
  const ev = await stop();
  console.log(ev.length, findThreads(ev, `chrome-extension://${s.extensionId}/sidepanel.html`));
  const withFrames = ev.filter(e => JSON.stringify(e.args ?? {}).includes('sidepanel.html')).map(e => e.name + '|' + e.cat);
  console.log([...new Set(withFrames)]);
  console.log([...new Set(ev.filter(e => e.name === 'RunTask').map(e => e.cat + e.ph))]);
} finally { await s.close(); await llm.close(); }
