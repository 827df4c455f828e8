import { Store } from 'webext-redux';
import type { RootState } from '../store/rootReducer';
import { FETCH_STATE_TYPE, PRESENCE_PORT, STORE_CHANNEL, type BridgePatch, type BridgeVersion } from './bridgeProtocol';
import { applyPatch } from './stateDiff';

// Extension pages only. webext-redux's proxy Store, taught the numbered patches of
// backgroundBridge.ts: a missed patch or a restarted worker makes it fetch the whole state again
// instead of applying a patch to the wrong base.

/** webext-redux's Store as it is at run time: its typings omit initializeStore and type patches as arrays. */
interface ProxyStoreInternals {
  initializeStore(message: unknown): void;
  replaceState(state: RootState): void;
  patchState(difference: unknown): void;
}
const ProxyStore = Store as unknown as new (
  options: ConstructorParameters<typeof Store>[0],
) => Omit<Store<RootState>, 'patchState' | 'replaceState'> & ProxyStoreInternals;

class FlowbarPageStore extends ProxyStore {
  private version: BridgeVersion | null = null;
  private fetching = false;
  private acceptSnapshot = false;

  constructor() {
    super({ channelName: STORE_CHANNEL, patchStrategy: applyPatch });
    this.watchWorker();
  }

  /**
   * A stopped worker sends nothing, so the page would show its last state forever. The presence
   * port breaks when the worker stops; reconnecting wakes a new worker, whose state is fetched.
   */
  private watchWorker() {
    const port = chrome.runtime.connect({ name: PRESENCE_PORT });
    port.onDisconnect.addListener(() => {
      void chrome.runtime.lastError; // expected: the worker went away
      setTimeout(() => {
        this.watchWorker();
        this.refetch();
      }, 250);
    });
  }

  initializeStore(message: { type?: string; payload?: unknown; bridge?: BridgeVersion } | undefined) {
    this.fetching = false;
    if (!message || message.type !== FETCH_STATE_TYPE) return;
    this.version = message.bridge ?? null;
    this.acceptSnapshot = true;
    try {
      super.initializeStore(message);
    } finally {
      this.acceptSnapshot = false;
    }
  }

  replaceState(state: RootState) {
    // Snapshots come from our fetches only; a broadcast of a whole state means a new worker
    // started: fetch its state when it is asked for.
    if (this.acceptSnapshot) super.replaceState(state);
    else this.refetch();
  }

  patchState(patch: BridgePatch) {
    const version = this.version;
    if (!version) return; // the snapshot on its way includes it
    if (patch.epoch === version.epoch && patch.seq <= version.seq) return;
    if (patch.epoch !== version.epoch || patch.seq !== version.seq + 1) {
      this.refetch();
      return;
    }
    version.seq = patch.seq;
    super.patchState(patch.ops);
  }

  refetch() {
    if (this.fetching) return;
    this.fetching = true;
    this.version = null;
    chrome.runtime.sendMessage({ type: FETCH_STATE_TYPE, channelName: STORE_CHANNEL }, (response: Parameters<FlowbarPageStore['initializeStore']>[0]) => {
      if (chrome.runtime.lastError || !response) {
        this.fetching = false;
        setTimeout(() => this.refetch(), 500);
        return;
      }
      this.initializeStore(response);
    });
  }
}

export type PageStore = FlowbarPageStore;

/** The store proxy of an extension page, once it holds the background's state. */
export async function connectPageStore(): Promise<PageStore> {
  const store = new FlowbarPageStore();
  await store.ready();
  return store;
}
