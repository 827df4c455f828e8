import { selectWorkInFlight } from '../store/selectWorkInFlight';
import type { RootState } from '../store/rootReducer';

/** What keep-alive needs of the store: to be told of changes and to read the state. */
export interface KeepAliveStore {
  subscribe(listener: () => void): unknown;
  getState(): RootState;
}

/** A cheap extension API call: any such call resets Chrome's idle timer of the worker. */
const pingChrome = () => chrome.runtime.getPlatformInfo();

/**
 * Background only. Chrome stops a worker it deems idle (30 s without an extension event), even
 * mid-fetch; a cheap extension API call every `intervalMs` while the worker has work in flight
 * (a prompt answer, a flow run: see selectWorkInFlight) resets its idle timer. The timer starts
 * on the first store change with work in flight and stops at the first tick without any, so the
 * moment between two flow steps does not restart it.
 */
export function keepAliveWhileWorking(store: KeepAliveStore, ping: () => Promise<unknown> = pingChrome, intervalMs = 20_000) {
  let timer: ReturnType<typeof setInterval> | null = null;
  const busy = () => selectWorkInFlight(store.getState());
  store.subscribe(() => {
    if (timer !== null || !busy()) return;
    timer = setInterval(() => {
      if (busy()) void ping().catch(() => undefined);
      else {
        clearInterval(timer!);
        timer = null;
      }
    }, intervalMs);
  });
}
