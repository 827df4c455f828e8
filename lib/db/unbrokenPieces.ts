import type { TaskChunkRow } from './database';

/**
 * The pieces of one streamed text (rows of `taskChunks` with one key) that can be joined: in seq
 * order, the unbroken run from seq 0 only, since a gap would garble the text.
 */
export function unbrokenPieces(pieces: readonly TaskChunkRow[]): TaskChunkRow[] {
  const sorted = [...pieces].sort((a, b) => a.seq - b.seq);
  const gap = sorted.findIndex((piece, i) => piece.seq !== i);
  return gap === -1 ? sorted : sorted.slice(0, gap);
}
