// When the background sends the pages a patch: after a quiet stretch, once the code that made the
// change has run to its end (the updates it made one after another, in one patch); otherwise at
// most once per `minGapMs`, with every change of that stretch in one patch (the diff is taken
// between the state last sent and the state at send time). A run's start and end are a handful of
// store updates within milliseconds (the instance, its run, the stream entry, the status; usage,
// finish, the last text, the answer); one patch for each burst costs one envelope and one panel
// render. Sending after the burst rather than at its first update keeps the burst whole: the first
// update sent alone would start the gap, and the rest (a first token's status and text) would wait
// for it, as would the last words of an answer whose first token was a gap before its end.

export interface PatchPacer {
  /** the store changed: send once the current burst of updates is over, or once the gap since the last send has passed */
  changed(): void;
  /** sends what is pending now (before a page is answered, so it never sees an answer before the state it implies) */
  flush(): void;
  dispose(): void;
}

export interface PacerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** runs `run` once the code running now has returned (a microtask) */
  afterBurst(run: () => void): void;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  afterBurst: (run) => queueMicrotask(run),
};

export function createPatchPacer(send: () => void, minGapMs: number, clock: PacerClock = realClock): PatchPacer {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  /** a send is queued for the end of this burst (cancelled by a flush or a dispose in between) */
  let queued = false;
  const sendNow = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    queued = false;
    lastSentAt = clock.now();
    send();
  };
  return {
    changed() {
      if (timer !== null || queued) return;
      const wait = lastSentAt + minGapMs - clock.now();
      if (wait <= 0) {
        queued = true;
        clock.afterBurst(() => {
          if (queued) sendNow();
        });
      } else timer = clock.setTimeout(sendNow, wait);
    },
    flush() {
      if (timer !== null || queued) sendNow();
    },
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      queued = false;
    },
  };
}
