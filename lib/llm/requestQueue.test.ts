import { describe, expect, it } from 'vitest';
import type { ChatStream, StreamPart } from './chatModel';
import { eachPart } from './streamParts';
import { createRequestQueue, DEFAULT_REQUESTS_PER_PROVIDER, providerQueueKey, queuedChatStream } from './requestQueue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createRequestQueue', () => {
  it('lets the limit through at once, queues the rest in order and tells each its position as it moves', async () => {
    const queue = createRequestQueue(() => 2);
    const granted: number[] = [];
    const positions: Record<number, number[]> = {};
    const releases: Array<() => void> = [];
    for (let i = 0; i < 5; i++) {
      void queue.acquire('host', { onQueued: (ahead) => (positions[i] ??= []).push(ahead) }).then((release) => {
        granted.push(i);
        releases[i] = release;
      });
    }
    await tick();
    expect(granted).toEqual([0, 1]);
    expect(positions).toEqual({ 2: [0], 3: [1], 4: [2] });
    expect(queue.load('host')).toEqual({ active: 2, waiting: 3 });

    releases[1]();
    releases[1](); // a second release of the same slot frees nothing more
    await tick();
    expect(granted).toEqual([0, 1, 2]);
    expect(positions).toEqual({ 2: [0], 3: [1, 0], 4: [2, 1] });
    expect(queue.load('host')).toEqual({ active: 2, waiting: 2 });
  });

  it('keys are independent: a busy host does not hold another back', async () => {
    const queue = createRequestQueue(() => 1);
    await queue.acquire('a');
    let other = false;
    void queue.acquire('b').then(() => (other = true));
    await tick();
    expect(other).toBe(true);
  });

  it('a request aborted while it waits leaves the queue without ever getting a slot; those behind move up', async () => {
    const queue = createRequestQueue(() => 1);
    const release = await queue.acquire('host');
    const stop = new AbortController();
    const positions: number[] = [];
    const aborted = queue.acquire('host', { signal: stop.signal });
    let thirdGranted = false;
    void queue.acquire('host', { onQueued: (ahead) => positions.push(ahead) }).then(() => (thirdGranted = true));
    stop.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(positions).toEqual([1, 0]);
    expect(queue.load('host')).toEqual({ active: 1, waiting: 1 });
    release();
    await tick();
    expect(thirdGranted).toBe(true);
    // an already-aborted request is refused at once
    await expect(queue.acquire('host', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('has a default below Chromium’s 6 connections per host', () => {
    expect(DEFAULT_REQUESTS_PER_PROVIDER).toBeGreaterThan(1);
    expect(DEFAULT_REQUESTS_PER_PROVIDER).toBeLessThan(6);
  });

  it('keys providers by origin: two providers on one host share its connections', () => {
    expect(providerQueueKey('http://localhost:11434/v1')).toBe(providerQueueKey('http://localhost:11434/api/'));
    expect(providerQueueKey('http://localhost:11434/v1')).not.toBe(providerQueueKey('http://localhost:1234/v1'));
  });
});

describe('queuedChatStream', () => {
  it('calls the provider only once a slot is free, holds the slot until the stream ends, and says when it is sent', async () => {
    const queue = createRequestQueue(() => 1);
    const calls: string[] = [];
    let finishFirst!: () => void;
    const inner: ChatStream = async function* (request) {
      calls.push(request.model);
      if (request.model === 'first') await new Promise<void>((resolve) => (finishFirst = resolve));
      yield [{ type: 'text-delta', text: request.model } satisfies StreamPart];
    };
    const events: string[] = [];
    const stream = queuedChatStream(inner, queue, { onQueued: (ahead) => events.push(`queued ${ahead}`), onSent: () => events.push('sent') });
    const read = async (model: string) => {
      let text = '';
      for await (const part of eachPart(stream({ providerName: 'P', baseURL: 'http://h.test/v1', model, messages: [] })))
        if (part.type === 'text-delta') text += part.text;
      return text;
    };
    const first = read('first');
    const second = read('second');
    await tick();
    expect(calls).toEqual(['first']);
    expect(events).toEqual(['queued 0']);
    finishFirst();
    expect(await first).toBe('first');
    expect(await second).toBe('second');
    expect(calls).toEqual(['first', 'second']);
    expect(events).toEqual(['queued 0', 'sent']);
    expect(queue.load(providerQueueKey('http://h.test/v1'))).toEqual({ active: 0, waiting: 0 });
  });

  it('frees the slot when the stream fails', async () => {
    const queue = createRequestQueue(() => 1);
    const failing: ChatStream = async function* () {
      yield* [];
      throw new Error('boom');
    };
    const stream = queuedChatStream(failing, queue);
    const drain = async () => {
      for await (const _part of stream({ providerName: 'P', baseURL: 'http://h.test/v1', model: 'm', messages: [] }));
    };
    await expect(drain()).rejects.toThrow('boom');
    await expect(drain()).rejects.toThrow('boom');
    expect(queue.load('http://h.test')).toEqual({ active: 0, waiting: 0 });
  });
});
