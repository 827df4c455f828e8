// The baseline of the stream benchmark: the `openai` SDK reading the same stream in Node, doing
// nothing else. It runs in a process of its own (the server runs in another), so it shares no
// event loop, and it stays up between runs so the benchmark can interleave baseline and Flowbar
// runs (both then see the same machine load).
//
// Parent side: `const sdk = await startSdkBaseline(baseURL)`, `await sdk.run('long-5000')`
// → { totalMs, firstTokenMs, lastTokenMs, chunks, chars }, `await sdk.close()`.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './util.mjs';

const SELF = fileURLToPath(import.meta.url);

async function once(client, model) {
  const started = performance.now();
  let firstTokenAt = null;
  let lastTokenAt = null;
  let chunks = 0;
  let chars = 0;
  const stream = await client.chat.completions.create({
    model,
    // the same messages Flowbar sends for the built-in "Summarize" prompt on a short selection
    messages: [
      { role: 'system', content: 'You are a helpful assistant inside a browser. Answer in Markdown, concisely.' },
      { role: 'user', content: 'Summarize this text in a few bullet points:\n\nbench' },
    ],
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0.3,
  });
  for await (const chunk of stream) {
    const content = chunk.choices?.[0]?.delta?.content;
    if (content) {
      lastTokenAt = performance.now();
      firstTokenAt ??= lastTokenAt;
      chunks += 1;
      chars += content.length;
    }
  }
  const ended = performance.now();
  return { totalMs: ended - started, firstTokenMs: firstTokenAt - started, lastTokenMs: lastTokenAt - started, chunks, chars };
}

async function child() {
  const { default: OpenAI } = await import('openai');
  const baseURL = process.argv[3];
  if (!new URL(baseURL).hostname.startsWith('127.')) throw new Error('the baseline only talks to 127.0.0.1');
  const client = new OpenAI({ baseURL, apiKey: 'no-key', maxRetries: 0, timeout: 60_000, logLevel: 'off' });
  process.on('message', async (message) => {
    try {
      if (message?.type === 'run') process.send({ id: message.id, result: await once(client, message.model) });
      else if (message?.type === 'close') process.exit(0);
    } catch (error) {
      process.send({ id: message.id, error: String(error?.stack ?? error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready' });
}

export async function startSdkBaseline(baseURL) {
  const proc = fork(SELF, ['--child', baseURL], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`the baseline client exited (${code})`)));
    proc.on('message', (message) => {
      if (message?.type === 'ready') resolve();
      else if (message?.id && pending.has(message.id)) {
        pending.get(message.id)(message);
        pending.delete(message.id);
      }
    });
  });
  await withTimeout(ready, 15_000, 'the baseline client to start');
  return {
    async run(model, timeoutMs = 60_000) {
      const answer = await withTimeout(
        new Promise((resolve) => {
          const id = nextId++;
          pending.set(id, resolve);
          proc.send({ type: 'run', id, model });
        }),
        timeoutMs,
        `baseline stream of ${model}`,
      );
      if (answer.error) throw new Error(answer.error);
      return answer.result;
    },
    async close() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.send({ type: 'close' });
      await withTimeout(exited, 5_000, 'the baseline client to stop').catch(() => proc.kill('SIGKILL'));
    },
  };
}

if (process.argv.includes('--child') && process.argv[1] === SELF) await child();
