import { describe, expect, it } from 'vitest';
import type { StreamPart, StreamPartBatch } from './chatModel';
import { eachPart, mergeDeltas } from './streamParts';

describe('mergeDeltas', () => {
  it('joins neighbouring deltas of one kind, drops empty ones, and keeps every other part in its place', () => {
    const batch: StreamPart[] = [
      { type: 'text-delta', text: 'a' },
      { type: 'text-delta', text: 'b' },
      { type: 'reasoning-delta', text: 'r1' },
      { type: 'reasoning-delta', text: '' },
      { type: 'reasoning-delta', text: 'r2' },
      { type: 'text-delta', text: 'c' },
      { type: 'warning', message: 'skipped' },
      { type: 'text-delta', text: '' },
      { type: 'text-delta', text: 'd' },
      { type: 'finish', finishReason: 'stop' },
    ];
    expect(mergeDeltas(batch)).toEqual([
      { type: 'text-delta', text: 'ab' },
      { type: 'reasoning-delta', text: 'r1r2' },
      { type: 'text-delta', text: 'c' },
      { type: 'warning', message: 'skipped' },
      { type: 'text-delta', text: 'd' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('never changes the batch it was given (the reader hands each array on once, but a caller may keep it)', () => {
    const batch: StreamPart[] = [
      { type: 'text-delta', text: 'x' },
      { type: 'text-delta', text: 'y' },
    ];
    const copy = structuredClone(batch);
    mergeDeltas(batch);
    expect(batch).toEqual(copy);
  });

  it('an empty batch or one of empty deltas gives nothing', () => {
    expect(mergeDeltas([])).toEqual([]);
    expect(mergeDeltas([{ type: 'text-delta', text: '' }])).toEqual([]);
  });
});

describe('eachPart', () => {
  it('flattens batches in order', async () => {
    async function* batches(): AsyncGenerator<StreamPartBatch> {
      yield [{ type: 'text-delta', text: '1' }];
      yield [];
      yield [
        { type: 'text-delta', text: '2' },
        { type: 'finish', finishReason: null },
      ];
    }
    const parts: StreamPart[] = [];
    for await (const part of eachPart(batches())) parts.push(part);
    expect(parts).toEqual([
      { type: 'text-delta', text: '1' },
      { type: 'text-delta', text: '2' },
      { type: 'finish', finishReason: null },
    ]);
  });
});
