// Recorded provider streams (lib/llm/fixtures/*.sse, named after the quirk they show), replayed as
// network reads into the stream reader, with no network.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StreamPart } from '../../../lib/llm/chatModel';
import { readChatStream } from '../../../lib/llm/sseChatReader';

export const FIXTURE_NAMES = [
  'content-parts-mistral',
  'finish-length-openai',
  'citations-perplexity',
  'tool-calls-openai',
  'malformed-line-ollama',
  'error-object-openrouter',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function fixtureBytes(name: FixtureName): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../lib/llm/fixtures/${name}.sse`, import.meta.url))));
}

/** The bytes cut at the given offsets (sorted, inside the array), one read per piece. */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  return pieces;
}

async function* asReads(pieces: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

export interface Replayed {
  parts: StreamPart[];
  /** the error the reader threw after its parts, if any */
  error?: unknown;
}

/** Everything the reader yields for these reads, and what it threw at the end. */
export async function replay(pieces: readonly Uint8Array[]): Promise<Replayed> {
  const parts: StreamPart[] = [];
  try {
    for await (const batch of readChatStream(asReads(pieces))) parts.push(...batch);
    return { parts };
  } catch (error) {
    return { parts, error };
  }
}

export const textOf = (parts: StreamPart[], type: 'text-delta' | 'reasoning-delta' = 'text-delta') =>
  parts.map((p) => (p.type === type ? p.text : '')).join('');
