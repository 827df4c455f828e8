// The bytes of a streamed chat completion → StreamParts, in time linear in the bytes whatever the
// size of the network reads: bytes are decoded as they come (a character split across two reads
// is joined), eventsource-parser splits the events, each event's JSON goes to the chunk mapper.
// No network here: the reads are any async iterable, so tests replay recorded streams.

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { StreamPart, StreamPartBatch } from './chatModel';
import { createChatChunkMapper, StreamErrorEvent } from './chatChunkParts';

/** A single event larger than this is refused (a runaway stream must not fill the memory). */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024;
/** The bytes parsed before their parts are handed on (see readChatStream). */
export const PARSE_SLICE_BYTES = 16 * 1024;
/** How much of a skipped line a warning quotes. */
const QUOTED_CHARS = 80;

export class SseBufferOverflow extends Error {
  constructor() {
    super(`the stream sent an event larger than ${MAX_EVENT_CHARS / 1024 / 1024} MB`);
    this.name = 'SseBufferOverflow';
  }
}

/**
 * Reads the whole stream (or up to `data: [DONE]`), yielding the parts of each slice of a read as
 * one batch (never an empty one). A line that is not valid JSON is skipped with
 * a warning part; an error object (or an `event: error`) throws StreamErrorEvent after the parts
 * before it; a failing read throws its own error. Usage and finish come last. `redact` cleans the
 * quoted line of a warning (of the API key, which some servers echo).
 */
export async function* readChatStream(
  reads: AsyncIterable<Uint8Array>,
  redact: (text: string) => string = (text) => text,
): AsyncGenerator<StreamPartBatch, void, undefined> {
  const mapper = createChatChunkMapper();
  const decoder = new TextDecoder();
  const events: EventSourceMessage[] = [];
  let overflow = false;
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onError: (error) => {
      // Unknown fields and bad `retry:` values are ignored, as browsers do.
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });

  /** Adds the parts of the events parsed so far to `out`; true once [DONE] was seen. */
  function drain(out: StreamPart[]): boolean {
    if (overflow) throw new SseBufferOverflow();
    try {
      for (const { data, event } of events) {
        if (data === '[DONE]') return true;
        let chunk: unknown;
        try {
          chunk = JSON.parse(data);
        } catch {
          if (event === 'error') throw new StreamErrorEvent({ message: data });
          out.push({ type: 'warning', message: `Skipped a line of the stream that is not valid JSON: ${quote(redact(data))}` });
          continue;
        }
        if (event === 'error') throw new StreamErrorEvent(isRecord(chunk) && isRecord(chunk.error) ? chunk.error : isRecord(chunk) ? chunk : { message: data });
        for (const part of mapper.parts(chunk)) out.push(part);
      }
      return false;
    } finally {
      events.length = 0;
    }
  }

  // Parts are collected per slice of a network read and handed on as one batch; an error is thrown
  // only after the parts that came before it.
  let done = false;
  let failure: { error: unknown } | null = null;
  let parts: StreamPart[] = [];
  /** The parts collected so far, as a batch of their own (the array is handed on, never reused). */
  const take = (): StreamPart[] => {
    const batch = parts;
    parts = [];
    return batch;
  };
  reading: for await (const bytes of reads) {
    // A fast stream arrives in reads of up to ~1 MB: parsed whole, a read would hold thousands of
    // events and parts at once before the first is handed on. Slices keep that bounded (the parser
    // is linear either way; this is about the working set and the first part's delay). The
    // decoder joins a character cut between two slices.
    for (let offset = 0; offset < bytes.byteLength; offset += PARSE_SLICE_BYTES) {
      try {
        parser.feed(decoder.decode(bytes.subarray(offset, offset + PARSE_SLICE_BYTES), { stream: true }));
        done = drain(parts);
      } catch (error) {
        failure = { error };
      }
      if (parts.length) yield take();
      if (failure) throw failure.error;
      if (done) break reading;
    }
  }
  if (!done) {
    // A stream that ends without a blank line after its last event still gets that event.
    parser.feed(`${decoder.decode()}\n\n`);
    try {
      drain(parts);
    } catch (error) {
      failure = { error };
    }
    if (parts.length) yield take();
    if (failure) throw failure.error;
  }
  // usage and the finish (never empty: the finish is always there)
  yield mapper.end();
}

function quote(data: string): string {
  return data.length > QUOTED_CHARS ? `${data.slice(0, QUOTED_CHARS)}…` : data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
