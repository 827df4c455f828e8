// Property: however the network cuts a stream into reads (anywhere, inside a multi-byte UTF-8
// character or a CRLF pair included), the reader yields the same parts as from one read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NAMES, fixtureBytes, replay, splitAt, textOf } from '../../tests/unit/helpers/sseReplay';

/** Offsets of UTF-8 continuation bytes: a cut there splits a character. */
const insideCharacters = (bytes: Uint8Array) => [...bytes.keys()].filter((i) => (bytes[i] & 0xc0) === 0x80);

describe('readChatStream: any split of the bytes into reads gives the same parts', () => {
  it.each(FIXTURE_NAMES)('%s, random cut points', async (name) => {
    const bytes = fixtureBytes(name);
    const expected = await replay([bytes]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 80 }), async (cuts) => {
        expect(await replay(splitAt(bytes, cuts))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('cuts inside multi-byte characters', async () => {
    const bytes = fixtureBytes('malformed-line-ollama');
    const inside = insideCharacters(bytes);
    expect(inside.length).toBeGreaterThan(10); // ü, ö, —, 東京, 🙂
    const expected = await replay([bytes]);
    await fc.assert(
      fc.asyncProperty(fc.subarray(inside, { minLength: 1 }), async (cuts) => {
        expect(await replay(splitAt(bytes, cuts))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('generated streams: any text (astral characters, newlines, quotes), LF or CRLF, any split → that exact text', async () => {
    const deltas = fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(deltas, fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 40 }), async (texts, eol, rawCuts) => {
        const events = texts.map((content) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}${eol}${eol}`);
        const source = `: keep-alive${eol}${eol}${events.join('')}data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}${eol}${eol}data: [DONE]${eol}${eol}`;
        const bytes = new TextEncoder().encode(source);
        const { parts, error } = await replay(
          splitAt(
            bytes,
            rawCuts.map((c) => c % bytes.length),
          ),
        );
        expect(error).toBeUndefined();
        // TextEncoder turns lone surrogates into U+FFFD, as any UTF-8 stream would carry them.
        expect(textOf(parts)).toBe(new TextDecoder().decode(new TextEncoder().encode(texts.join(''))));
        expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
      }),
      { numRuns: 150 },
    );
  });
});
