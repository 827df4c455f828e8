import { describe, expect, it } from 'vitest';
import { useFakeLlmServer, words } from '../../tests/unit/helpers/testEngine';
import { openaiChatStream } from './openaiChatStream';
import { ProviderError } from './providerError';
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
    expect(answer.usage?.completionTokens).toBe(deltas.length);
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
