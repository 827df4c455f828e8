// Queries where only the newest answer matters (History search while the user types): starting one
// aborts the one before it on the same key, so a stale query stops at its next step instead of
// holding the worker while the newest one waits.

export class SupersededError extends Error {
  constructor() {
    super('A newer search replaced this one.');
    this.name = 'SupersededError';
  }
}

export interface LatestOnly {
  /** Runs `work` with a signal that aborts when another call with the same key starts. */
  run<T>(key: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export function createLatestOnly(): LatestOnly {
  const current = new Map<string, AbortController>();
  return {
    async run(key, work) {
      current.get(key)?.abort(new SupersededError());
      const controller = new AbortController();
      current.set(key, controller);
      try {
        const result = await work(controller.signal);
        // A query that finished anyway after being replaced still does not answer.
        controller.signal.throwIfAborted();
        return result;
      } finally {
        if (current.get(key) === controller) current.delete(key);
      }
    },
  };
}
