import type { StreamPart, StreamPartBatch } from './chatModel';

// Helpers for the batches a ChatStream yields (chatModel.ts).

/** Each part of the batches, one at a time and in order (for callers that look at single parts: tests, the key check). */
export async function* eachPart(batches: AsyncIterable<StreamPartBatch>): AsyncGenerator<StreamPart, void, undefined> {
  for await (const batch of batches) yield* batch;
}

/**
 * A batch with each run of neighbouring text deltas (and of reasoning deltas) joined into one, and
 * empty deltas left out; every other part stays where it was. The engine then hands one string per
 * run to its batchers instead of one per token.
 */
export function mergeDeltas(batch: StreamPartBatch): StreamPart[] {
  const merged: StreamPart[] = [];
  let run: { type: 'text-delta' | 'reasoning-delta'; text: string } | null = null;
  for (const part of batch) {
    if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
      if (!part.text) continue;
      if (run && run.type === part.type) run.text += part.text;
      else merged.push((run = { type: part.type, text: part.text }));
      continue;
    }
    run = null;
    merged.push(part);
  }
  return merged;
}
