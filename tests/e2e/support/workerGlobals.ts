import type { AppStore } from '../../../lib/store/makeStore';

/** What the service worker exposes to the browser tests (entrypoints/background.ts), for the casts inside `worker.evaluate`. */
export interface WorkerGlobals {
  /** `dispatch` of a `cmd/*` command answers with the command's promise (lib/commands/commandMiddleware.ts). */
  flowbar: { store: { getState: AppStore['getState']; dispatch(action: unknown): Promise<unknown> } };
}
