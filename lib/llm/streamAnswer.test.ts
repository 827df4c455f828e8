import { describe, expect, it } from 'vitest';
import { useFakeLlmServer, words } from '../../tests/unit/helpers/testEngine';
import { openaiChatStream } from './openaiChatStream';
import { ProviderError } from './providerError';
import type { ChatStream, StreamPartBatch } from './chatModel';
import { streamAnswer } from './streamAnswer';

const server = useFakeLlmServer();

const request = (model: string, signal?: AbortSignal) => ({
  providerName: 'Fake',
  baseURL: server().url,
  model,
  messages: [{ role: 'user' as const, content: 'hello there' }],
  signal,
});

const chatRequests = (model: string) =>
  server().requests.filter((r) => r.path.endsWith('/chat/completions') && (r.body as { model?: string })?.model === model);

describe('streamAnswer', () => {
  it('collects the text, the first-token time and the usage', async () => {
    const deltas: string[] = [];
    const answer = await streamAnswer(openaiChatStream, request('echo'), { now: Date.now, onDelta: (_k, t) => deltas.push(t) });
    expect(answer.text).toBe('You said: hello there');
    expect(deltas.join('')).toBe(answer.text);
    expect(answer.firstTokenAt).not.toBeNull();
    // the echo sends one chunk per word ("You said: hello there": 4); they arrive in one read or several
    expect(answer.usage?.completionTokens).toBe(4);
    expect(deltas.length).toBeLessThanOrEqual(4);
  });

  it('hands on one string per run of text in a batch, keeping the order of the other parts around it', async () => {
    const events: string[] = [];
    const batches: StreamPartBatch[] = [
      [
        { type: 'reasoning-delta', text: 'think ' },
        { type: 'reasoning-delta', text: 'more' },
        { type: 'text-delta', text: 'He' },
        { type: 'text-delta', text: '' },
        { type: 'text-delta', text: 'llo' },
        { type: 'citations', urls: ['https://a.test/'] },
        { type: 'text-delta', text: ' [1]' },
      ],
      [
        { type: 'text-delta', text: ' world' },
        { type: 'usage', completionTokens: 6 },
        { type: 'finish', finishReason: 'stop' },
      ],
    ];
    const stream: ChatStream = async function* () {
      yield* batches;
    };
    const answer = await streamAnswer(stream, request('unused'), {
      now: () => 42,
      onDelta: (kind, text) => events.push(`${kind}:${text}`),
      onFirstToken: (at) => events.push(`first@${at}`),
      onCitations: (urls) => events.push(`citations:${urls.join()}`),
      onUsage: (usage) => events.push(`usage:${usage.completionTokens}`),
      onFinish: (reason) => events.push(`finish:${reason}`),
    });
    expect(events).toEqual([
      'first@42',
      'reasoning:think more',
      'text:Hello',
      'citations:https://a.test/',
      'text: [1]',
      'text: world',
      'usage:6',
      'finish:stop',
    ]);
    expect(answer).toMatchObject({ text: 'Hello [1] world', reasoning: 'think more', finishReason: 'stop', citations: ['https://a.test/'], firstTokenAt: 42 });
  });

  it('waits out a 429 (Retry-After) and tries again, telling the caller before each wait', async () => {
    const retries: [number, number][] = [];
    const started = Date.now();
    const answer = await streamAnswer(openaiChatStream, request('ratelimited-1'), {
      now: Date.now,
      onDelta: () => undefined,
      onRateLimitRetry: (seconds, attempt) => retries.push([seconds, attempt]),
    });
    expect(answer.text).toBe('You said: hello there');
    expect(retries).toEqual([[1, 1]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(chatRequests('ratelimited-1')).toHaveLength(2);
  });

  it('gives up after a bounded number of retries with the rate-limit error', async () => {
    const retries: number[] = [];
    const error = await streamAnswer(openaiChatStream, request('ratelimited-9'), {
      now: Date.now,
      onDelta: () => undefined,
      onRateLimitRetry: (_s, attempt) => retries.push(attempt),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('rate-limit');
    expect(retries).toEqual([1, 2]);
    expect(chatRequests('ratelimited-9')).toHaveLength(3);
  });

  it('does not retry without a retry hook, nor other errors', async () => {
    const error = await streamAnswer(openaiChatStream, request('error-500'), {
      now: Date.now,
      onDelta: () => undefined,
      onRateLimitRetry: () => {
        throw new Error('must not retry a 500');
      },
    }).catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe('server');
    expect(chatRequests('error-500')).toHaveLength(1);
  });

  it('Stop during a rate-limit wait ends at once, without another request', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = streamAnswer(openaiChatStream, request('ratelimited-7', controller.signal), {
      now: Date.now,
      onDelta: () => undefined,
      onRateLimitRetry: () => setTimeout(() => controller.abort(), 50),
    }).catch((e: unknown) => e);
    await pending;
    expect(Date.now() - started).toBeLessThan(900);
    expect(chatRequests('ratelimited-7')).toHaveLength(1);
  });

  it('the wait limits are on silence, not on the whole answer: chunks 300 ms apart for longer than the limit complete', async () => {
    const deltas: string[] = [];
    const answer = await streamAnswer(
      openaiChatStream,
      { ...request('slow-6-300'), firstByteTimeoutMs: 700, betweenChunksTimeoutMs: 700 },
      { now: Date.now, onDelta: (_k, t) => deltas.push(t) },
    );
    expect(answer.text).toBe(words(6));
    expect(answer.finishReason).toBe('stop');
  });

  it('a stream gone silent mid-answer ends with a timeout, after the hooks saw everything that came', async () => {
    const deltas: string[] = [];
    const error = await streamAnswer(
      openaiChatStream,
      { ...request('stall-4-100'), betweenChunksTimeoutMs: 600 },
      { now: Date.now, onDelta: (_k, t) => deltas.push(t) },
    ).catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe('timeout');
    expect((error as ProviderError).message).toMatch(/went silent for 0.6 s in the middle of the answer/);
    expect(deltas.join('')).toBe(words(4));
  });
});
