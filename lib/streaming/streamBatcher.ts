import { deltasReceived, type StreamDeltas } from './streamingSlice';

/**
 * Collects stream deltas and hands them to the store in one action per interval for all tasks
 * together. Every store update is sent by webext-redux to every extension page, so one update
 * per token would cost a message (and a React render) per token.
 */
export interface StreamBatcher {
  append(taskId: string, kind: 'text' | 'reasoning', text: string): void;
  /** Sends what is pending now (all tasks): called at the end of a stream. */
  flush(): void;
  dispose(): void;
}

export function createStreamBatcher(dispatch: (action: ReturnType<typeof deltasReceived>) => unknown, intervalMs: number): StreamBatcher {
  let pending: StreamDeltas = {};
  let hasPending = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (!hasPending) return;
    const batch = pending;
    pending = {};
    hasPending = false;
    dispatch(deltasReceived(batch));
  };

  return {
    append(taskId, kind, text) {
      if (!text) return;
      const delta = (pending[taskId] ??= {});
      delta[kind] = (delta[kind] ?? '') + text;
      hasPending = true;
      if (timer === null) timer = setTimeout(flush, intervalMs);
    },
    flush,
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = {};
      hasPending = false;
    },
  };
}
