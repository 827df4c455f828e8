// The stream reader on recorded provider streams (lib/llm/fixtures), without a network.
import { describe, expect, it } from 'vitest';
import { fixtureBytes, replay, splitAt, textOf } from '../../tests/unit/helpers/sseReplay';
import { StreamErrorEvent } from './chatChunkParts';
import type { StreamPart } from './chatModel';
import { toProviderError } from './providerError';

const whole = (name: Parameters<typeof fixtureBytes>[0]) => replay([fixtureBytes(name)]);
const ofType = <T extends StreamPart['type']>(parts: StreamPart[], type: T) => parts.filter((p): p is Extract<StreamPart, { type: T }> => p.type === type);

describe('readChatStream on recorded provider streams', () => {
  it('content-parts-mistral: text parts are the answer, thinking parts the reasoning (no "[object Object]")', async () => {
    const { parts, error } = await whole('content-parts-mistral');
    expect(error).toBeUndefined();
    expect(textOf(parts)).toBe('The capital of France is **Paris**. It is known for the Eiffel Tower.');
    expect(textOf(parts, 'reasoning-delta')).toBe('Okay, the user asks for the capital of France. That is Paris.');
    expect(JSON.stringify(parts)).not.toContain('[object Object]');
    expect(parts.slice(-2)).toEqual([
      { type: 'usage', promptTokens: 12, completionTokens: 46, totalTokens: 58 },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('finish-length-openai: the finish says "length"; usage from the choices-less chunk', async () => {
    const { parts } = await whole('finish-length-openai');
    expect(textOf(parts)).toBe('Here are ten ideas:\n\n1. A garden journal\n2. A');
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'length' });
    expect(ofType(parts, 'usage')).toEqual([{ type: 'usage', promptTokens: 14, completionTokens: 12, totalTokens: 26 }]);
  });

  it('citations-perplexity (CRLF lines): the citations once, in order, although every chunk repeats them', async () => {
    const { parts } = await whole('citations-perplexity');
    expect(textOf(parts)).toBe('Paris is the capital of France[1][2]. Its population is about 2.1 million[3].');
    expect(ofType(parts, 'citations')).toEqual([
      {
        type: 'citations',
        urls: ['https://en.wikipedia.org/wiki/Paris', 'https://www.britannica.com/place/Paris', 'https://www.insee.fr/en/statistiques/2011101'],
      },
    ]);
    // usage comes on every chunk: the last one counts, once, before the finish
    expect(parts.slice(-2)).toEqual([
      { type: 'usage', promptTokens: 8, completionTokens: 22, totalTokens: 30 },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('tool-calls-openai: one note with the tool name, no text, finish tool_calls', async () => {
    const { parts } = await whole('tool-calls-openai');
    expect(textOf(parts)).toBe('');
    expect(ofType(parts, 'tool-call')).toEqual([{ type: 'tool-call', name: 'get_weather' }]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('malformed-line-ollama: the bad line is skipped with a warning, keep-alives ignored, the rest read', async () => {
    const { parts, error } = await whole('malformed-line-ollama');
    expect(error).toBeUndefined();
    expect(textOf(parts)).toBe('Grüße aus Köln — 東京 🙂 done.');
    const warnings = ofType(parts, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/^Skipped a line of the stream that is not valid JSON: \{"id":"chatcmpl-417",.{59}…$/);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('error-object-openrouter: the text and reasoning before it, then the provider error', async () => {
    const { parts, error } = await whole('error-object-openrouter');
    expect(textOf(parts, 'reasoning-delta')).toBe('Let me think about ünïcode.');
    expect(textOf(parts)).toBe('Partial answer');
    expect(ofType(parts, 'finish')).toEqual([]);
    expect(error).toBeInstanceOf(StreamErrorEvent);
    const provider = toProviderError(error, { providerName: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', streaming: true });
    expect(provider).toMatchObject({ kind: 'stream-error', status: 502, message: 'OpenRouter reported an error mid-answer: Provider returned error' });
  });
});

describe('readChatStream: the SSE edges', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const read = (text: string) => replay([encode(text)]);

  it('stops at [DONE]: nothing after it counts', async () => {
    const { parts } = await read('data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: [DONE]\n\ndata: {"choices":[{"delta":{"content":"b"}}]}\n\n');
    expect(textOf(parts)).toBe('a');
  });

  it('a stream ending without the blank line after its last event still gets that event', async () => {
    const { parts } = await read('data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: {"choices":[{"delta":{"content":"b"},"finish_reason":"stop"}]}');
    expect(textOf(parts)).toBe('ab');
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('an `event: error` is an error even without an error key', async () => {
    const { error } = await read('event: error\ndata: {"message":"overloaded"}\n\n');
    expect(error).toBeInstanceOf(StreamErrorEvent);
    expect((error as StreamErrorEvent).error).toEqual({ message: 'overloaded' });
  });

  it('Mistral spells the token limit "model_length": it is "length"', async () => {
    const { parts } = await read('data: {"choices":[{"delta":{"content":"a"},"finish_reason":"model_length"}]}\n\n');
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'length' });
  });

  it('a failing read throws after the parts of the reads before it', async () => {
    async function* reads() {
      yield encode('data: {"choices":[{"delta":{"content":"kept"}}]}\n\n');
      throw new TypeError('terminated');
    }
    const { readChatStream } = await import('./sseChatReader');
    const parts: StreamPart[] = [];
    await expect(
      (async () => {
        for await (const batch of readChatStream(reads())) parts.push(...batch);
      })(),
    ).rejects.toThrow('terminated');
    expect(textOf(parts)).toBe('kept');
  });

  it('one byte per read gives the same parts as one read', async () => {
    const bytes = fixtureBytes('malformed-line-ollama');
    const cuts = Array.from({ length: bytes.length }, (_, i) => i);
    expect(await replay(splitAt(bytes, cuts))).toEqual(await replay([bytes]));
  });
});

describe('readChatStream: warnings', () => {
  it('a skipped line is quoted without the key a server may echo in it', async () => {
    const { readChatStream } = await import('./sseChatReader');
    async function* reads() {
      yield new TextEncoder().encode('data: {"echo":"Bearer sk-SECRET-123", broken\n\ndata: [DONE]\n\n');
    }
    const parts: StreamPart[] = [];
    for await (const batch of readChatStream(reads(), (text) => text.split('sk-SECRET-123').join('[redacted]'))) parts.push(...batch);
    expect(parts[0]).toEqual({ type: 'warning', message: 'Skipped a line of the stream that is not valid JSON: {"echo":"Bearer [redacted]", broken' });
  });
});

describe('readChatStream: batches', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  it('hands on the parts of each read as one batch, never an empty one, and the usage and finish last', async () => {
    const { readChatStream } = await import('./sseChatReader');
    const event = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
    async function* reads() {
      yield encode(event('a') + event('b') + event('c'));
      yield encode(': keep-alive\n\n'); // no part: no batch
      yield encode(event('d').slice(0, 10)); // half an event: no batch yet
      yield encode(event('d').slice(10) + 'data: {"choices":[],"usage":{"completion_tokens":4}}\n\ndata: [DONE]\n\n');
    }
    const batches: StreamPart[][] = [];
    for await (const batch of readChatStream(reads())) batches.push([...batch]);
    expect(batches).toEqual([
      [
        { type: 'text-delta', text: 'a' },
        { type: 'text-delta', text: 'b' },
        { type: 'text-delta', text: 'c' },
      ],
      [{ type: 'text-delta', text: 'd' }],
      [
        { type: 'usage', completionTokens: 4 },
        { type: 'finish', finishReason: null },
      ],
    ]);
  });

  it('a read of 5,000 events is a few batches (one per parse slice), not 5,000 hand-offs', async () => {
    const { readChatStream, PARSE_SLICE_BYTES } = await import('./sseChatReader');
    const source =
      Array.from({ length: 5000 }, (_, i) => `data: ${JSON.stringify({ choices: [{ delta: { content: `word${i} ` } }] })}\n\n`).join('') + 'data: [DONE]\n\n';
    const bytes = encode(source);
    async function* reads() {
      yield bytes;
    }
    let count = 0;
    let parts = 0;
    for await (const batch of readChatStream(reads())) {
      count += 1;
      parts += batch.length;
    }
    expect(parts).toBe(5001); // 5,000 texts and the finish
    expect(count).toBeLessThanOrEqual(Math.ceil(bytes.length / PARSE_SLICE_BYTES) + 1);
  });
});

describe('readChatStream: large reads', () => {
  it('a read of many parse slices, with characters cut at the slice edges, gives the same parts as small reads', async () => {
    const { PARSE_SLICE_BYTES } = await import('./sseChatReader');
    const texts = Array.from({ length: 2000 }, (_, i) => `${i} é東🙂 `);
    const source = texts.map((content) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`).join('') + 'data: [DONE]\n\n';
    const bytes = new TextEncoder().encode(source);
    expect(bytes.length).toBeGreaterThan(3 * PARSE_SLICE_BYTES);
    const inOneRead = await replay([bytes]);
    expect(textOf(inOneRead.parts)).toBe(texts.join(''));
    expect(inOneRead).toEqual(
      await replay(
        splitAt(
          bytes,
          Array.from({ length: 300 }, (_, i) => i * 311),
        ),
      ),
    );
  });
});
