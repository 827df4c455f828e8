/**
 * Collects streamed text per key and hands it on in one batch per interval, for all keys together.
 * Every store update is sent by the bridge to every extension page and re-renders the panel, so
 * one update per token would cost a message and a render per token.
 */
type TextBatch = Record<string, { text?: string; reasoning?: string }>;

export interface TextBatcher {
  append(key: string, kind: 'text' | 'reasoning', text: string): void;
  /** Hands on what is pending now (all keys): called at the end of a stream. */
  flush(): void;
  dispose(): void;
}

export function createTextBatcher(emit: (batch: TextBatch) => void, intervalMs: number, now: () => number = Date.now): TextBatcher {
  let pending: TextBatch = {};
  let hasPending = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastFlushAt = now();

  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    lastFlushAt = now();
    if (!hasPending) return;
    const batch = pending;
    pending = {};
    hasPending = false;
    emit(batch);
  };

  return {
    append(key, kind, text) {
      if (!text) return;
      const delta = (pending[key] ??= {});
      delta[kind] = (delta[kind] ?? '') + text;
      hasPending = true;
      // The timer alone is not enough: a stream parsed in one long task starves timers, and the
      // answer would then reach the store only at its end.
      if (now() - lastFlushAt >= intervalMs) flush();
      else if (timer === null) timer = setTimeout(flush, intervalMs);
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
