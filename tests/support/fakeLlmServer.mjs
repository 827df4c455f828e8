// A local OpenAI-compatible server for unit, browser and bench tests, so no test reaches the internet.
//
// Endpoints
//   POST /v1/chat/completions  streaming (SSE) when body.stream is true, else one JSON completion
//   GET  /v1/models            a few model ids
//   Any request with `Authorization: Bearer bad-key` gets 401 (like a real provider with a wrong key).
//   Option chatKey: GET /v1/models stays open to any key (or none), but a chat completion without
//   `Authorization: Bearer <chatKey>` gets 401, as providers that list models without a key do.
//   Any request with `Authorization: Bearer origin-refused` gets 403 with an EMPTY body: what Ollama
//                       sends for a refused Origin, on any endpoint (GET /v1/models too). Flowbar strips
//                       the Origin header for local providers, so tests ask for the refusal this way.
//   OPTIONS gets a permissive CORS answer and is not recorded.
//
// Scenario = the request's `model` (or the one forced with setScenario):
//   echo (default for unknown models)  "You said: " + last user message, word by word
//   echo-all            every message as "role: content", lines joined with \n
//   numbered-echo-all   "Answer N." then echo-all's lines, N counting this server's requests with this
//                       model (1, 2, …): each retry's answer differs, and a follow-up shows which one it got
//   long | long-N       N chunks (default 2000) of "word{i} " as fast as possible
//   slow | slow-N-MS    N chunks (default 50) MS ms apart (default 100)
//   slow-first-MS       first chunk after MS ms, then 20 chunks fast
//   timed-N-MS          N chunks of "word{i} " spread evenly over MS ms (by the clock: every 10 ms the
//                       chunks due by then), for tests that stop the client at a known time: see sentAt
//   hold | hold-MS      holds the connection MS ms (default 1000) before sending anything (not even
//                       headers), then "You said: …" as echo; with requests[i].receivedAt / endedAt
//                       a test sees how many requests were in flight at once
//   hang                headers and one chunk, then silence until the client goes away
//                       (requests[i].aborted becomes true)
//   late-headers-MS     nothing at all (not even headers) for MS ms, then the echo answer
//   stall-N-MS          N chunks MS ms apart, then silence (no finish, no [DONE]) until the client goes away
//   error-401 | error-403-origin | error-404 | error-429 | error-500 | error-503
//                       error-401 echoes the bearer token in its message (tests check callers redact it);
//                       error-403-origin is what Ollama sends for a refused Origin: 403 with an EMPTY body
//                       (gin-contrib/cors, see ollama/ollama#2425); error-429 sends Retry-After: 2
//   ratelimited-N       the first N requests with this model get 429 (Retry-After: 1), later ones echo
//   midstream-error     3 chunks, then data: {"error":{"message":"Upstream overloaded","code":502}}, then ends
//   broken              3 chunks, then the socket is destroyed without [DONE]
//   malformed           3 chunks, a `data: {not json` line, 3 more chunks, [DONE]
//   reasoning           delta.reasoning_content chunks, then content, usage on the finish chunk (DeepSeek)
//   reasoning-or        same with delta.reasoning and ": OPENROUTER PROCESSING" comments (OpenRouter)
//   groq                usage in x_groq.usage on the finish chunk, no separate usage chunk (Groq)
//   wide-table          a Markdown table of 12 columns and 6 rows with long unbroken cells (model ids,
//                       URLs), far wider than a 400 px panel, word by word: for layout tests
//   fixture-NAME        replays the recorded stream lib/llm/fixtures/NAME.sse byte for byte (200, SSE),
//                       e.g. fixture-finish-length-openai, fixture-citations-perplexity
//
// Text chunks always concatenate to exactly the scenario's text. Every stream opens with an
// OpenAI-style `{role: 'assistant', content: ''}` delta. Usage: prompt_tokens = ceil(chars of all
// message contents / 4), completion_tokens = number of text chunks (reasoning + content).
// Unless the scenario puts usage elsewhere it comes in a final chunk with `choices: []` (always sent,
// whether or not stream_options.include_usage was asked for).
//
// Every request records in `sentAt` when (Date.now()) each text chunk was written to the socket, so
// a test knows what the server had sent by a given time.
//
// Run directly (`node tests/support/fakeLlmServer.mjs [port]`, default 11435) to keep one up for
// manual or Playwright runs; imported, the server never keeps the process alive on its own.

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const FIXTURES_DIR = new URL('../../lib/llm/fixtures/', import.meta.url);

const DEFAULT_MODELS = ['echo', 'echo-all', 'long', 'slow', 'reasoning', 'reasoning-or', 'groq'];
const REASONING_TEXT = 'The user wants an answer. I will think step by step and keep it short.';
const REASONING_ANSWER = 'The answer is 42.';
const WIDE_TABLE = [
  'Here are the models:',
  '',
  `| ${Array.from({ length: 12 }, (_, i) => `Column${i}Heading`).join(' | ')} |`,
  `|${' --- |'.repeat(12)}`,
  ...Array.from(
    { length: 6 },
    (_, row) => `| ${Array.from({ length: 12 }, (_, col) => `model-${row}-${col}-with-a-very-long-unbroken-identifier`).join(' | ')} |`,
  ),
  '',
  'https://example.invalid/a/very/long/address/without/any/spaces/that/keeps/going/and/going/on/and/on',
].join('\n');

/**
 * @typedef {import('./fakeLlmServer.d.mts').FakeLlmServerOptions} FakeLlmServerOptions
 * @typedef {import('./fakeLlmServer.d.mts').FakeLlmServer} FakeLlmServer
 * @typedef {import('./fakeLlmServer.d.mts').RecordedRequest} RecordedRequest
 * @typedef {import('./fakeLlmServer.d.mts').FakeRequestBody} FakeRequestBody
 *
 * @typedef {object} Plan  how one chat completion is answered
 * @property {string[]} reasoning         reasoning chunks, sent before the content
 * @property {'reasoning_content' | 'reasoning'} reasoningField
 * @property {string[]} content           content chunks
 * @property {number} delayMs             pause before each chunk after the first
 * @property {number} spreadOverMs        > 0: no pauses per chunk; each is sent when its share of this time is due
 * @property {number} firstDelayMs        pause before the first chunk
 * @property {number} headersDelayMs      pause before the response headers
 * @property {'separate' | 'finish' | 'groq'} usageAt
 * @property {boolean} comments           interleave ": OPENROUTER PROCESSING" lines
 * @property {'done' | 'midstream-error' | 'broken' | 'hang' | 'malformed' | 'stall'} ending
 * @property {number} holdMs              pause before anything is sent, headers included
 */

/**
 * @param {FakeLlmServerOptions} [options]
 * @returns {Promise<FakeLlmServer>}
 */
export async function startFakeLlmServer(options = {}) {
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /** @type {Set<() => void>} pending sleeps, woken on close() so no handler lingers */
  const sleepers = new Set();
  /** @type {string | null} */
  let forcedScenario = null;
  /** @type {Map<string, number>} requests seen per ratelimited-N model */
  const rateLimited = new Map();
  /** numbered-echo-all: requests answered so far */
  const answered = new Map();
  let closed = false;

  /** @param {number} ms */
  const sleep = (ms) =>
    new Promise((resolve) => {
      if (ms <= 0 || closed) return resolve(undefined);
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve(undefined);
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      sleepers.add(wake);
    });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJsonError(res, 500, String(err));
      else res.destroy();
    });
  });

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': '*',
      });
      return res.end();
    }

    const rawBody = await readBody(req);
    /** @type {RecordedRequest} */
    const record = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      headers: { ...req.headers },
      body: parseBody(rawBody),
      rawBody,
      aborted: false,
      sentAt: [],
      receivedAt: Date.now(),
      endedAt: null,
    };
    requests.push(record);
    res.on('close', () => {
      record.endedAt = Date.now();
    });

    // "Aborted" = the client went away before we finished; our own destroy ('broken', close()) does not count.
    let destroyedByUs = false;
    res.on('close', () => {
      if (!res.writableFinished && !destroyedByUs && !closed) record.aborted = true;
    });
    const gone = () => closed || res.destroyed || record.aborted;

    if (req.headers.authorization === 'Bearer bad-key') {
      return sendJsonError(res, 401, 'Incorrect API key provided: bad-key.', 'invalid_api_key');
    }
    if (req.headers.authorization === 'Bearer origin-refused') {
      res.writeHead(403, { 'content-length': '0' });
      return res.end();
    }
    if (req.method === 'GET' && record.path === '/v1/models') {
      const ids = options.models ?? DEFAULT_MODELS;
      return sendJson(res, 200, {
        object: 'list',
        data: ids.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'flowbar-fake' })),
      });
    }
    if (req.method !== 'POST' || record.path !== '/v1/chat/completions') {
      return sendJsonError(res, 404, `No route for ${req.method} ${record.path}`, 'not_found');
    }

    if (options.chatKey !== undefined && req.headers.authorization !== `Bearer ${options.chatKey}`) {
      return sendJsonError(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    }

    const body = record.body ?? {};
    const scenario = forcedScenario ?? (typeof body.model === 'string' ? body.model : 'echo');
    const messages = Array.isArray(body.messages) ? body.messages : [];

    if (scenario.startsWith('error-')) return sendScenarioError(res, scenario, req.headers.authorization);
    const fixture = /^fixture-([a-z0-9-]+)$/.exec(scenario);
    if (fixture) {
      const bytes = await readFile(new URL(`${fixture[1]}.sse`, FIXTURES_DIR)).catch(() => null);
      if (!bytes) return sendJsonError(res, 404, `No fixture ${fixture[1]}.sse`, 'not_found');
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
      return res.end(bytes);
    }
    // ratelimited-N: the first N requests for this model are refused with 429 (Retry-After: 1), then echo.
    const limited = /^ratelimited-(\d+)$/.exec(scenario);
    if (limited && (rateLimited.set(scenario, (rateLimited.get(scenario) ?? 0) + 1).get(scenario) ?? 0) <= Number(limited[1])) {
      res.setHeader('Retry-After', '1');
      return sendJsonError(res, 429, 'Rate limit reached for requests', 'rate_limit_exceeded');
    }

    const plan = planFor(scenario, messages, options.chunkDelayMs ?? 0);
    if (scenario === 'numbered-echo-all') {
      const n = (answered.get(scenario) ?? 0) + 1;
      answered.set(scenario, n);
      plan.content = [`Answer ${n}.\n`, ...plan.content];
    }
    const usage = {
      prompt_tokens: Math.ceil(messages.reduce((n, m) => n + textOf(m.content).length, 0) / 4),
      completion_tokens: plan.reasoning.length + plan.content.length,
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const model = typeof body.model === 'string' ? body.model : scenario;
    if (plan.holdMs) {
      await sleep(plan.holdMs);
      if (gone()) return;
    }

    if (body.stream !== true) {
      if (plan.ending === 'hang') return; // silence until the client leaves
      if (plan.ending === 'broken') {
        destroyedByUs = true;
        return res.destroy();
      }
      if (plan.ending === 'malformed') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end('{not json');
      }
      if (plan.ending === 'midstream-error') return sendJsonError(res, 502, 'Upstream overloaded', 'bad_gateway');
      await sleep(plan.firstDelayMs);
      return sendJson(res, 200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: nowSeconds(),
        model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: plan.content.join(''),
              ...(plan.reasoning.length ? { [plan.reasoningField]: plan.reasoning.join('') } : {}),
            },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage,
      });
    }

    await sleep(plan.headersDelayMs);
    if (gone()) return;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    res.flushHeaders();

    const id = `chatcmpl-fake-${requests.length}`;
    const created = nowSeconds();
    /** @param {object} delta @param {Record<string, unknown>} [extra] @param {string | null} [finish] */
    const chunk = (delta, extra = {}, finish = null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...extra,
    });
    /** @param {unknown} data */
    const send = (data) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const comment = () => plan.comments && res.write(': OPENROUTER PROCESSING\n\n');

    comment();
    send(chunk({ role: 'assistant', content: '' }));

    /** @type {Array<{ field: string; text: string }>} */
    const pieces = [...plan.reasoning.map((text) => ({ field: plan.reasoningField, text })), ...plan.content.map((text) => ({ field: 'content', text }))];
    const streamStart = Date.now();
    /** how many chunks of a spread-out stream are due by now */
    const due = () => Math.floor(((Date.now() - streamStart) / plan.spreadOverMs) * pieces.length) + 1;
    for (let i = 0; i < pieces.length; i++) {
      if (plan.spreadOverMs > 0) while (i >= due() && !gone()) await sleep(10);
      else await sleep(i === 0 ? plan.firstDelayMs : plan.delayMs);
      if (gone()) return;
      if (i % 2 === 1) comment();
      const { field, text } = pieces[i];
      // DeepSeek sends content: null while it reasons; mimic that.
      send(chunk(field === 'content' ? { content: text } : { [field]: text, content: null }));
      record.sentAt.push(Date.now());

      if (i === 0 && plan.ending === 'hang') return; // keep the response open; 'close' marks aborted
      if (i === pieces.length - 1 && plan.ending === 'stall') return; // same, after the last chunk
      if (i === 2 && plan.ending === 'midstream-error') {
        send({ error: { message: 'Upstream overloaded', code: 502 } });
        return res.end();
      }
      if (i === 2 && plan.ending === 'broken') {
        destroyedByUs = true;
        // Let the written chunks reach the client before cutting the connection mid-body.
        await sleep(20);
        return res.destroy();
      }
      if (i === 2 && plan.ending === 'malformed') res.write('data: {not json\n\n');
    }
    if (gone()) return;

    if (plan.usageAt === 'finish') send(chunk({}, { usage }, 'stop'));
    else if (plan.usageAt === 'groq') send(chunk({}, { x_groq: { id: 'req_fake', usage } }, 'stop'));
    else {
      send(chunk({}, {}, 'stop'));
      send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
    }
    res.end('data: [DONE]\n\n');
  }

  /**
   * @param {http.ServerResponse} res
   * @param {string} scenario
   * @param {string | undefined} authorization
   */
  function sendScenarioError(res, scenario, authorization) {
    switch (scenario) {
      case 'error-401': {
        const key = (authorization ?? '').replace(/^Bearer\s+/i, '');
        return sendJsonError(res, 401, `Incorrect API key provided: ${key}.`, 'invalid_api_key');
      }
      case 'error-403-origin':
        res.writeHead(403, { 'Content-Length': '0' });
        return res.end();
      case 'error-404':
        return sendJsonError(res, 404, 'model "error-404" not found, try pulling it first', 'model_not_found');
      case 'error-429':
        res.setHeader('Retry-After', '2');
        return sendJsonError(res, 429, 'Rate limit reached for requests', 'rate_limit_exceeded');
      case 'error-503':
        return sendJsonError(res, 503, 'The server is overloaded, please try again later.', 'overloaded');
      default:
        return sendJsonError(res, 500, 'The server had an error while processing your request.', 'server_error');
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined));
  });
  server.unref();

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`,
    port,
    requests,
    setScenario(scenario) {
      forcedScenario = scenario;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const wake of sleepers) wake();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * @param {string} scenario
 * @param {Array<{ role: string; content: unknown }>} messages
 * @param {number} chunkDelayMs
 * @returns {Plan}
 */
function planFor(scenario, messages, chunkDelayMs) {
  /** @type {Plan} */
  const plan = {
    reasoning: [],
    reasoningField: 'reasoning_content',
    content: [],
    delayMs: chunkDelayMs,
    spreadOverMs: 0,
    firstDelayMs: chunkDelayMs,
    headersDelayMs: 0,
    usageAt: 'separate',
    comments: false,
    ending: 'done',
    holdMs: 0,
  };
  const numbers = (scenario.match(/\d+/g) ?? []).map(Number);
  const words = (/** @type {number} */ n) => Array.from({ length: n }, (_, i) => `word${i} `);

  if (scenario === 'echo-all' || scenario === 'numbered-echo-all') {
    plan.content = splitWords(messages.map((m) => `${m.role}: ${textOf(m.content)}`).join('\n'));
  } else if (scenario === 'long' || /^long-\d+$/.test(scenario)) {
    plan.content = words(numbers[0] ?? 2000);
  } else if (scenario.startsWith('slow-first-')) {
    plan.content = words(20);
    plan.firstDelayMs = numbers[0] ?? 1000;
  } else if (/^timed-\d+-\d+$/.test(scenario)) {
    plan.content = words(numbers[0]);
    plan.spreadOverMs = Math.max(1, numbers[1]);
  } else if (scenario === 'slow' || /^slow-\d+-\d+$/.test(scenario)) {
    plan.content = words(numbers[0] ?? 50);
    plan.delayMs = numbers[1] ?? 100;
  } else if (scenario === 'reasoning' || scenario === 'reasoning-or') {
    plan.reasoning = splitWords(REASONING_TEXT);
    plan.content = splitWords(REASONING_ANSWER);
    plan.usageAt = 'finish';
    if (scenario === 'reasoning-or') {
      plan.reasoningField = 'reasoning';
      plan.comments = true;
    }
  } else if (scenario === 'wide-table') {
    plan.content = splitWords(WIDE_TABLE);
  } else if (scenario === 'groq') {
    plan.content = echoText(messages);
    plan.usageAt = 'groq';
  } else if (scenario === 'hold' || /^hold-\d+$/.test(scenario)) {
    plan.content = echoText(messages);
    plan.holdMs = numbers[0] ?? 1000;
  } else if (scenario.startsWith('late-headers-')) {
    plan.content = echoText(messages);
    plan.headersDelayMs = numbers[0] ?? 1000;
  } else if (/^stall-\d+-\d+$/.test(scenario)) {
    plan.content = words(numbers[0]);
    plan.delayMs = numbers[1];
    plan.ending = 'stall';
  } else if (scenario === 'hang') {
    plan.content = ['Thinking'];
    plan.ending = 'hang';
  } else if (scenario === 'midstream-error' || scenario === 'broken' || scenario === 'malformed') {
    plan.content = scenario === 'malformed' ? words(6) : words(3);
    plan.ending = scenario;
  } else {
    plan.content = echoText(messages);
  }
  return plan;
}

/** @param {Array<{ role: string; content: unknown }>} messages */
function echoText(messages) {
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  return splitWords(`You said: ${textOf(lastUser?.content)}`);
}

/** Word-sized chunks that join back to exactly `text` (whitespace stays on the word before it). */
function splitWords(/** @type {string} */ text) {
  return text.split(/(?<=\s)(?=\S)/).filter((piece) => piece !== '');
}

/** Message content is a string or an array of `{type: 'text', text}` parts. */
function textOf(/** @type {unknown} */ content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part.text === 'string' ? part.text : '')).join('');
  }
  return '';
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** @param {string} raw @returns {FakeRequestBody | null} */
function parseBody(raw) {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} data */
function sendJson(res, status, data) {
  const text = JSON.stringify(data);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** @param {http.ServerResponse} res @param {number} status @param {string} message @param {string} [code] */
function sendJsonError(res, status, message, code) {
  sendJson(res, status, {
    error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: code ?? null },
  });
}

// `node tests/support/fakeLlmServer.mjs [port]`: stay up until killed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? process.env.FAKE_LLM_PORT ?? 11435);
  const fake = await startFakeLlmServer({ port });
  const keepAlive = setInterval(() => {}, 1 << 30);
  console.log(`fake LLM server at ${fake.url}`);
  const stop = () => {
    clearInterval(keepAlive);
    void fake.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
