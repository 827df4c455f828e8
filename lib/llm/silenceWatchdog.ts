// Fires when a wait lasts too long: the wait for a provider to start answering, then each wait for
// the next piece of its body. Time spent by the reader's consumer is not counted: only the time
// between asking for bytes and getting them. One timer at a time, re-armed lazily, so a fast
// stream costs a clock read per network read, not a timer.

export interface SilenceWatchdog {
  /** a wait starts; it may last `limitMs` */
  waiting(limitMs: number): void;
  /** the wait is over: bytes (or headers) arrived */
  received(): void;
  stop(): void;
}

export function createSilenceWatchdog(onSilence: (limitMs: number) => void, now: () => number = () => performance.now()): SilenceWatchdog {
  let since: number | null = null;
  let limit = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** when the armed timer fires */
  let dueAt = 0;
  let stopped = false;

  const arm = (ms: number) => {
    clearTimeout(timer);
    dueAt = now() + ms;
    timer = setTimeout(check, ms);
  };

  const check = () => {
    timer = undefined;
    if (stopped || since === null) return;
    const left = since + limit - now();
    if (left > 0) return arm(left);
    stopped = true;
    onSilence(limit);
  };

  return {
    waiting(limitMs) {
      if (stopped) return;
      since = now();
      limit = limitMs;
      // A timer already due by the end of this wait will do (it re-arms for what is left).
      if (timer === undefined || dueAt > since + limitMs) arm(limitMs);
    },
    received() {
      since = null;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
