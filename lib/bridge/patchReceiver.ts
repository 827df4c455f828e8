import { isBridgePatchMessage, type BridgeVersion } from './bridgeProtocol';
import { decodeOps, MalformedPatch } from './patchWire';
import type { PatchOp } from './stateDiff';

// A page's side of the numbered patches: which to apply, which to drop, and when the page must
// fetch the whole state again instead of patching the wrong base. Pure: pageStore.ts does the IO.

export type Received =
  /** not a patch, a patch the page already has, or one that arrived before the snapshot it follows */
  | { kind: 'ignore' }
  | { kind: 'apply'; ops: PatchOp[] }
  /** a gap, a new worker (epoch) or a patch that cannot be read: fetch the state */
  | { kind: 'refetch' };

export interface PatchReceiver {
  /** after a snapshot (its version), or null while one is being fetched */
  reset(version: BridgeVersion | null): void;
  receive(message: unknown): Received;
}

export function createPatchReceiver(): PatchReceiver {
  let version: BridgeVersion | null = null;
  return {
    reset(next) {
      version = next && { epoch: next.epoch, seq: next.seq, path: Array.isArray(next.path) ? next.path : [] };
    },
    receive(message) {
      if (!isBridgePatchMessage(message)) return { kind: 'ignore' };
      if (!version) return { kind: 'ignore' }; // the snapshot on its way includes it
      const [epoch, seq, wire] = message.fbp;
      if (epoch === version.epoch && seq <= version.seq) return { kind: 'ignore' };
      if (epoch !== version.epoch || seq !== version.seq + 1) return { kind: 'refetch' };
      try {
        const { ops, last } = decodeOps(wire, version.path);
        version = { epoch, seq, path: last };
        return { kind: 'apply', ops };
      } catch (error) {
        if (error instanceof MalformedPatch) return { kind: 'refetch' };
        throw error;
      }
    },
  };
}
