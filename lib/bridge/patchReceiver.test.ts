import { describe, expect, it } from 'vitest';
import type { BridgePatchMessage, BridgeVersion } from './bridgeProtocol';
import { createPatchReceiver } from './patchReceiver';
import { encodeOps } from './patchWire';
import type { Path, PatchOp } from './stateDiff';

const TEXT: Path = ['streaming', 'byTaskId', 'task-1', 'text'];

/** A worker's side in small: numbered patches with relative paths. */
function worker(epoch = 'AbCdEfGh') {
  const version: BridgeVersion = { epoch, seq: 0, path: [] };
  return {
    version: () => ({ ...version }),
    patch(ops: PatchOp[]): BridgePatchMessage {
      const wire = encodeOps(ops, version.path);
      version.seq += 1;
      version.path = wire.last;
      return { fbp: [version.epoch, version.seq, wire.ops] };
    },
  };
}
const grow = (text: string): PatchOp[] => [{ op: 'append', path: TEXT, text }];

describe('createPatchReceiver', () => {
  it('applies patches in order from a snapshot, and drops the ones the snapshot already has', () => {
    const w = worker();
    const early = w.patch([{ op: 'set', path: TEXT, value: 'start of the answer' }]);
    const snapshot = w.version();
    const p2 = w.patch(grow(' more'));
    const p3 = w.patch(grow(' and more'));
    const page = createPatchReceiver();
    page.reset(snapshot);
    expect(page.receive(early)).toEqual({ kind: 'ignore' });
    expect(page.receive(p2)).toEqual({ kind: 'apply', ops: grow(' more') });
    expect(page.receive(p2)).toEqual({ kind: 'ignore' });
    expect(page.receive(p3)).toEqual({ kind: 'apply', ops: grow(' and more') });
  });

  it('a gap, a new worker or an unreadable patch asks for the whole state', () => {
    const w = worker();
    const page = createPatchReceiver();
    page.reset(w.version());
    w.patch(grow('lost'));
    expect(page.receive(w.patch(grow('after the gap')))).toEqual({ kind: 'refetch' });

    page.reset(w.version());
    expect(page.receive(worker('NewEpoch').patch(grow('x')))).toEqual({ kind: 'refetch' });

    const next = w.version();
    page.reset(next);
    expect(page.receive({ fbp: [next.epoch, next.seq + 1, [['a', [9], 'x']]] })).toEqual({ kind: 'refetch' });
  });

  it('ignores everything while its snapshot is on its way, and messages that are not patches', () => {
    const w = worker();
    const page = createPatchReceiver();
    expect(page.receive(w.patch(grow('x')))).toEqual({ kind: 'ignore' });
    page.reset(w.version());
    for (const other of [
      null,
      'fbp',
      { type: 'webext.patch_state', payload: { ops: [] } },
      { fbp: [1, 1, []] },
      { fbp: ['x', '2', []] },
      { fbp: { e: 'x', s: 2, o: [] } },
    ]) {
      expect(page.receive(other)).toEqual({ kind: 'ignore' });
    }
  });
});
