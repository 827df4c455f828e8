import { Store } from 'webext-redux';
import type { RootState } from '../store/rootReducer';
import { FETCH_STATE_TYPE, isBackgroundSender, PRESENCE_PORT, STORE_CHANNEL, type BridgeVersion } from './bridgeProtocol';
import { createPatchReceiver } from './patchReceiver';
import { applyPatch, type PatchOp } from './stateDiff';

// Extension pages only. webext-redux's proxy Store, taught the numbered patches of
// backgroundBridge.ts (read by patchReceiver.ts, from the background only): a missed patch or a
// restarted worker makes it fetch the whole state again instead of applying a patch to the wrong base.

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
  private readonly patches = createPatchReceiver();
  private fetching = false;
  private acceptSnapshot = false;

  constructor() {
    super({ channelName: STORE_CHANNEL, patchStrategy: applyPatch });
    const extensionId = chrome.runtime.id;
    const extensionOrigin = chrome.runtime.getURL('');
    chrome.runtime.onMessage.addListener((message: unknown, sender: chrome.runtime.MessageSender) => {
      // Patches come from the background only: a content script (in a tab) or another extension is not heard.
      if (!isBackgroundSender(sender, extensionId, extensionOrigin)) return;
      const received = this.patches.receive(message);
      if (received.kind === 'apply') this.applyOps(received.ops);
      else if (received.kind === 'refetch') this.refetch();
    });
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
    this.patches.reset(message.bridge ?? null);
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

  /** webext-redux's own patch messages: the background never sends them (its updates are Flowbar's), so none is applied. */
  patchState(_difference: unknown) {}

  private applyOps(ops: PatchOp[]) {
    super.patchState(ops);
  }

  refetch() {
    if (this.fetching) return;
    this.fetching = true;
    this.patches.reset(null);
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
