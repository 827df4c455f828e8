// The local OpenAI-compatible server (tests/support/fakeLlmServer.mjs) in a child process of its own,
// so the benchmark's own work (Playwright's protocol traffic) never shares its event loop.
//
// It also records what it really sent, per chat completion response: the SSE chunks written, the
// text they carry, and how many streams were in flight at once. The parent asks for that over IPC.
//
// Parent side: `startLlmServerProcess()` → { url, stats(), reset(), close() }.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './util.mjs';

const SELF = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------- child
async function child() {
  /** @type {Array<object>} */
  let responses = [];
  let inFlight = 0;
  let maxInFlight = 0;

  // Record each chat completion response: tap the request body, parse what is written.
  const originalCreateServer = http.createServer;
  http.createServer = function createServer(...args) {
    const handler = args.find((a) => typeof a === 'function');
    const wrapped = (req, res) => {
      const body = [];
      req.on('data', (part) => body.push(part));
      const record = {
        path: (req.url ?? '').split('?')[0],
        model: null,
        marker: null,
        startedAt: performance.timeOrigin + performance.now(),
        firstWriteAt: null,
        endedAt: null,
        raw: [],
        parsed: false,
        chunks: 0,
        text: '',
        done: false,
        aborted: false,
        bytes: 0,
      };
      req.on('end', () => {
        try {
          const parsed = JSON.parse(Buffer.concat(body).toString('utf8'));
          record.model = parsed.model ?? null;
          const all = JSON.stringify(parsed.messages ?? []);
          record.marker = /bench-marker-(\d+)/.exec(all)?.[1] ?? null;
        } catch {
          /* GET or not JSON */
        }
      });
      if (req.method === 'POST' && record.path.endsWith('/chat/completions')) {
        res.__bench = record;
        responses.push(record);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        res.on('close', () => {
          inFlight -= 1;
          record.endedAt = performance.timeOrigin + performance.now();
          record.aborted = !res.writableFinished;
        });
      }
      return handler(req, res);
    };
    return originalCreateServer.apply(
      this,
      args.map((a) => (a === handler ? wrapped : a)),
    );
  };
  // Writing stays cheap (the server must not slow down for being watched): keep the raw SSE text,
  // parse it only when asked.
  const capture = (res, data) => {
    const record = res.__bench;
    if (!record || data === undefined || data === null) return;
    if (record.firstWriteAt === null) record.firstWriteAt = performance.timeOrigin + performance.now();
    record.raw.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
  };
  const parse = (record) => {
    if (record.parsed) return;
    record.parsed = true;
    for (const piece of record.raw) {
      record.bytes += piece.length;
      for (const line of piece.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const payload = line.slice(6);
        if (payload === '[DONE]') {
          record.done = true;
          continue;
        }
        try {
          const content = JSON.parse(payload).choices?.[0]?.delta?.content;
          if (content) {
            record.chunks += 1;
            record.text += content;
          }
        } catch {
          /* not JSON */
        }
      }
    }
    record.raw = [];
  };
  const { write, end } = http.ServerResponse.prototype;
  http.ServerResponse.prototype.write = function benchWrite(data, ...rest) {
    capture(this, data);
    return write.call(this, data, ...rest);
  };
  http.ServerResponse.prototype.end = function benchEnd(data, ...rest) {
    if (typeof data !== 'function') capture(this, data);
    return end.call(this, data, ...rest);
  };

  const { startFakeLlmServer } = await import('../../tests/support/fakeLlmServer.mjs');
  const options = JSON.parse(process.argv[process.argv.indexOf('--child') + 1] ?? '{}');
  const server = await startFakeLlmServer({ ...options, host: '127.0.0.1' });
  const keepAlive = setInterval(() => {}, 1 << 30);

  const summary = (full) =>
    responses
      .map((r) => (r.endedAt !== null && parse(r), r))
      .map((r) => ({
        model: r.model,
        marker: r.marker,
        chunks: r.chunks,
        textLength: r.text.length,
        text: full ? r.text : undefined,
        done: r.done,
        aborted: r.aborted,
        bytes: r.bytes,
        startedAt: r.startedAt,
        firstWriteAt: r.firstWriteAt,
        endedAt: r.endedAt,
      }));

  process.on('message', (message) => {
    if (message?.type === 'stats') process.send({ id: message.id, responses: summary(message.full), maxInFlight, inFlight });
    else if (message?.type === 'reset') {
      responses = [];
      maxInFlight = inFlight;
      process.send({ id: message.id, ok: true });
    } else if (message?.type === 'close') {
      clearInterval(keepAlive);
      void server.close().then(() => process.exit(0));
    }
  });
  // The parent went away: do not linger.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', url: server.url });
}

// ---------------------------------------------------------------- parent
/** @param {{ chunkDelayMs?: number }} [options] passed to startFakeLlmServer */
export async function startLlmServerProcess(options = {}) {
  const proc = fork(SELF, ['--child', JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map();
  let url;
  const ready = new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`the LLM server process exited (${code})`)));
    proc.on('message', (message) => {
      if (message?.type === 'ready') {
        url = message.url;
        resolve();
      } else if (message?.id && pending.has(message.id)) {
        pending.get(message.id)(message);
        pending.delete(message.id);
      }
    });
  });
  await withTimeout(ready, 15_000, 'the local LLM server to start');
  if (!new URL(url).hostname.startsWith('127.')) throw new Error(`the LLM server must listen on 127.0.0.1, not ${url}`);
  const ask = (message) =>
    withTimeout(
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        proc.send({ ...message, id });
      }),
      15_000,
      `LLM server ${message.type}`,
    );
  return {
    url,
    /** what the server sent, per chat completion response (text only with full: true) */
    stats: (full = false) => ask({ type: 'stats', full }),
    reset: () => ask({ type: 'reset' }),
    async close() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.send({ type: 'close' });
      await withTimeout(exited, 5_000, 'the LLM server to stop').catch(() => proc.kill('SIGKILL'));
    },
  };
}

if (process.argv.includes('--child') && process.argv[1] === SELF) await child();
