// The adapter against the local fake server (tests/support/fakeLlmServer.mjs): real HTTP, no internet.
import { describe, expect, it, vi } from 'vitest';
import { startFakeLlmServer } from '../../tests/support/fakeLlmServer.mjs';
import { useFakeLlmServer } from '../../tests/unit/helpers/testEngine';
import type { ChatRequest, StreamPart } from './chatModel';
import { openaiChatStream, openaiModelLister } from './openaiChatStream';
import { ProviderError } from './providerError';
import { eachPart } from './streamParts';

const server = useFakeLlmServer();

function request(model: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    providerName: 'Fake',
    baseURL: server().url,
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there, model!' },
    ],
    ...overrides,
  };
}

interface Collected {
  parts: StreamPart[];
  text: string;
  reasoning: string;
  usage?: Extract<StreamPart, { type: 'usage' }>;
  finish?: Extract<StreamPart, { type: 'finish' }>;
  error?: ProviderError;
}

/** Runs a request to the end, keeping what arrived before any error (as the UI does). */
async function collect(req: ChatRequest): Promise<Collected> {
  const result: Collected = { parts: [], text: '', reasoning: '' };
  try {
    for await (const part of eachPart(openaiChatStream(req))) {
      result.parts.push(part);
      if (part.type === 'text-delta') result.text += part.text;
      if (part.type === 'reasoning-delta') result.reasoning += part.text;
      if (part.type === 'usage') result.usage = part;
      if (part.type === 'finish') result.finish = part;
    }
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    result.error = err;
  }
  return result;
}

const lastRequest = () => server().requests[server().requests.length - 1];
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `).join('');

describe('openaiChatStream: stream shapes', () => {
  it('echo: text, usage from the final choices-less chunk, finish last', async () => {
    const result = await collect(request('echo'));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('You said: Hello there, model!');
    // "Be brief." + "Hello there, model!" = 28 chars → 7 tokens; 5 word chunks.
    expect(result.usage).toEqual({ type: 'usage', promptTokens: 7, completionTokens: 5, totalTokens: 12 });
    expect(result.parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(result.parts.at(-2)?.type).toBe('usage');
    // The opening {role, content: ''} delta must not surface as an empty text part.
    expect(result.parts.filter((p) => p.type === 'text-delta')).toHaveLength(5);
  });

  it('sends what the server needs: model, messages, stream + include_usage, options, no-key bearer', async () => {
    await collect(request('echo', { temperature: 0.3, maxTokens: 64 }));
    const sent = lastRequest();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body).toMatchObject({
      model: 'echo',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      max_tokens: 64,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there, model!' },
      ],
    });
    expect(sent.headers.authorization).toBe('Bearer no-key');

    await collect(request('echo', { apiKey: 'sk-real' }));
    expect(lastRequest().headers.authorization).toBe('Bearer sk-real');
  });

  it('echo-all: every message reaches the model intact', async () => {
    const result = await collect(
      request('echo-all', {
        messages: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'first\n  question' },
          { role: 'assistant', content: 'an answer' },
          { role: 'user', content: 'follow-up' },
        ],
      }),
    );
    expect(result.text).toBe('system: S\nuser: first\n  question\nassistant: an answer\nuser: follow-up');
  });

  it('long-5000: thousands of chunks concatenate exactly', async () => {
    const result = await collect(request('long-5000'));
    expect(result.text).toBe(words(5000));
    expect(result.usage?.completionTokens).toBe(5000);
  });

  it('reasoning (DeepSeek): reasoning_content first, answer separate, usage on the finish chunk', async () => {
    const result = await collect(request('reasoning'));
    expect(result.reasoning).toBe('The user wants an answer. I will think step by step and keep it short.');
    expect(result.text).toBe('The answer is 42.');
    const firstText = result.parts.findIndex((p) => p.type === 'text-delta');
    const lastReasoning = result.parts.map((p) => p.type).lastIndexOf('reasoning-delta');
    expect(lastReasoning).toBeLessThan(firstText);
    expect(result.usage).toMatchObject({ promptTokens: 7, completionTokens: 19, totalTokens: 26 });
    expect(result.finish?.finishReason).toBe('stop');
  });

  it('reasoning-or (OpenRouter): delta.reasoning and ": OPENROUTER PROCESSING" comment lines', async () => {
    const result = await collect(request('reasoning-or'));
    expect(result.error).toBeUndefined();
    expect(result.reasoning).toBe('The user wants an answer. I will think step by step and keep it short.');
    expect(result.text).toBe('The answer is 42.');
    expect(result.text).not.toContain('OPENROUTER');
    expect(result.usage?.completionTokens).toBe(19);
  });

  it('groq: usage from x_groq.usage', async () => {
    const result = await collect(request('groq'));
    expect(result.text).toBe('You said: Hello there, model!');
    expect(result.usage).toEqual({ type: 'usage', promptTokens: 7, completionTokens: 5, totalTokens: 12 });
  });

  it('slow-3-60: chunks arrive paced, not buffered', async () => {
    const started = Date.now();
    const arrivals: number[] = [];
    for await (const part of eachPart(openaiChatStream(request('slow-3-60')))) {
      if (part.type === 'text-delta') arrivals.push(Date.now() - started);
    }
    expect(arrivals).toHaveLength(3);
    expect(arrivals[2] - arrivals[0]).toBeGreaterThanOrEqual(100);
  });
});

describe('openaiChatStream: broken streams keep the partial answer', () => {
  it('midstream-error: yields the text before the error, then throws stream-error', async () => {
    const result = await collect(request('midstream-error'));
    expect(result.text).toBe(words(3));
    expect(result.finish).toBeUndefined();
    expect(result.error?.kind).toBe('stream-error');
    expect(result.error?.message).toBe('Fake reported an error mid-answer: Upstream overloaded');
  });

  it('broken: a socket cut without [DONE] → stream-error "broke off" after the partial text', async () => {
    const result = await collect(request('broken'));
    expect(result.text).toBe(words(3));
    expect(result.error?.kind).toBe('stream-error');
    expect(result.error?.message).toMatch(/^The stream from Fake broke off: /);
  });

  it('malformed: the bad line is skipped with a warning, the answer goes on to the end', async () => {
    const result = await collect(request('malformed'));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(words(6));
    expect(result.parts.filter((p) => p.type === 'warning')).toEqual([
      { type: 'warning', message: 'Skipped a line of the stream that is not valid JSON: {not json' },
    ]);
    expect(result.finish?.finishReason).toBe('stop');
  });
});

describe('openaiChatStream: cancelling and timeouts', () => {
  it('abort via AbortSignal rejects with kind aborted and the server sees the request dropped', async () => {
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    const run = (async () => {
      for await (const part of eachPart(openaiChatStream(request('hang', { signal: controller.signal })))) {
        parts.push(part);
        if (part.type === 'text-delta') controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'ProviderError', kind: 'aborted' });
    expect(parts).toEqual([{ type: 'text-delta', text: 'Thinking' }]);
    const hung = lastRequest();
    await vi.waitFor(() => expect(hung.aborted).toBe(true));
  });

  it('an already-aborted signal fails fast without a request', async () => {
    const before = server().requests.length;
    const result = await collect(request('echo', { signal: AbortSignal.abort() }));
    expect(result.error?.kind).toBe('aborted');
    expect(server().requests.length).toBe(before);
  });

  it('the between-chunks limit ends a stream gone silent, after the text that came', async () => {
    const result = await collect(request('hang', { betweenChunksTimeoutMs: 300 }));
    expect(result.text).toBe('Thinking');
    expect(result.error?.kind).toBe('timeout');
    expect(result.error?.message).toBe('Fake went silent for 0.3 s in the middle of the answer. Try again, or allow a longer wait in Options → General.');
    const hung = lastRequest();
    await vi.waitFor(() => expect(hung.aborted).toBe(true));
  });

  it('a stream that keeps arriving is not cut off, however long it takes in all', async () => {
    // 8 chunks 300 ms apart: 2.1 s in all, four times the limit, never 500 ms of silence.
    const result = await collect(request('slow-8-300', { firstByteTimeoutMs: 500, betweenChunksTimeoutMs: 500 }));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(words(8));
    expect(result.finish?.finishReason).toBe('stop');
  });

  it('silence after chunks that came for longer than the limit times out, keeping them', async () => {
    const started = Date.now();
    const result = await collect(request('stall-5-300', { betweenChunksTimeoutMs: 1000 }));
    expect(result.text).toBe(words(5));
    expect(result.error?.kind).toBe('timeout');
    expect(result.error?.message).toMatch(/^Fake went silent for 1 s in the middle of the answer/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200 + 1000 - 50);
  });

  it('the first-byte limit covers a server that sends not even headers', async () => {
    const result = await collect(request('late-headers-3000', { firstByteTimeoutMs: 400 }));
    expect(result.text).toBe('');
    expect(result.error?.kind).toBe('timeout');
    expect(result.error?.message).toMatch(/^Fake did not start answering within 0.4 s\. A local model may still be loading/);
    const late = lastRequest();
    await vi.waitFor(() => expect(late.aborted).toBe(true));
  });

  it('a provider slower to start than to stream gets the first-byte limit, not the other', async () => {
    const result = await collect(request('late-headers-600', { firstByteTimeoutMs: 2000, betweenChunksTimeoutMs: 300 }));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('You said: Hello there, model!');
  });

  it('a consumer that stops early closes the connection', async () => {
    let seen = 0;
    for await (const part of eachPart(openaiChatStream(request('slow-200-20')))) {
      if (part.type === 'text-delta' && ++seen === 2) break;
    }
    const dropped = lastRequest();
    await vi.waitFor(() => expect(dropped.aborted).toBe(true));
  });
});

describe('openaiChatStream: HTTP errors', () => {
  it('error-401 → auth', async () => {
    const result = await collect(request('error-401', { providerName: 'OpenAI', apiKey: 'sk-wrong-key-123' }));
    expect(result.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(result.error?.message).toBe('The key for OpenAI was refused (401). Check it in Options → Providers.');
  });

  it('error-403-origin on 127.0.0.1 → origin-refused', async () => {
    const result = await collect(request('error-403-origin', { providerName: 'Ollama' }));
    expect(result.error).toMatchObject({ kind: 'origin-refused', status: 403 });
    expect(result.error?.message).toContain('OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*');
  });

  it('error-404 → not-found', async () => {
    const result = await collect(request('error-404'));
    expect(result.error).toMatchObject({ kind: 'not-found', status: 404 });
    expect(result.error?.message).toContain('"error-404"');
  });

  it('error-429 → rate-limit with Retry-After parsed', async () => {
    const result = await collect(request('error-429', { providerName: 'OpenAI' }));
    expect(result.error).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterSeconds: 2 });
    expect(result.error?.message).toBe('OpenAI is rate limiting requests (429). Try again in 2 s.');
  });

  it.each([
    ['error-500', 500],
    ['error-503', 503],
  ])('%s → server', async (model, status) => {
    const result = await collect(request(model));
    expect(result.error).toMatchObject({ kind: 'server', status });
  });

  it('network refused → network with a hint', async () => {
    const gone = await startFakeLlmServer();
    await gone.close();
    const result = await collect(request('echo', { providerName: 'Ollama', baseURL: gone.url }));
    expect(result.error?.kind).toBe('network');
    expect(result.error?.message).toBe(`Could not reach Ollama at ${gone.url}: connection refused. Is it running?`);
  });

  it('never leaks the API key into errors, even when the server echoes it', async () => {
    const apiKey = 'sk-proj-TOPSECRET-abcdef0123456789';
    const models = ['error-401', 'error-403-origin', 'error-404', 'error-429', 'error-500', 'midstream-error', 'broken'];
    for (const model of models) {
      const result = await collect(request(model, { apiKey }));
      expect(result.error, model).toBeInstanceOf(ProviderError);
      expect(result.error!.message, model).not.toContain(apiKey);
      expect(JSON.stringify(result.error), model).not.toContain(apiKey);
      expect(String(result.error), model).not.toContain(apiKey);
    }
    // The fake server did receive (and echo) the key, so the redaction was really exercised.
    expect(server().requests.some((r) => r.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
  });
});

describe('openaiModelLister', () => {
  it('lists the ids from /v1/models, sorted', async () => {
    const ids = await openaiModelLister({ baseURL: server().url, providerName: 'Fake' });
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(ids).toContain('echo');
    expect(lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('a bad key → auth', async () => {
    await expect(openaiModelLister({ baseURL: server().url, apiKey: 'bad-key', providerName: 'Fake' })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });

  it('an aborted signal → aborted', async () => {
    await expect(openaiModelLister({ baseURL: server().url, providerName: 'Fake', signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
  });
});
