import type { AppStore } from '../store/makeStore';

/**
 * Background only. Chrome stops a worker it deems idle, even mid-fetch; a cheap extension API call
 * every 20 s while any answer streams resets its idle timer.
 */
export function keepAliveWhileStreaming(store: AppStore, intervalMs = 20_000) {
  let timer: ReturnType<typeof setInterval> | null = null;
  store.subscribe(() => {
    const streaming = Object.keys(store.getState().streaming.byTaskId).length > 0;
    if (streaming && timer === null) {
      timer = setInterval(() => void chrome.runtime.getPlatformInfo(), intervalMs);
    } else if (!streaming && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  });
}
