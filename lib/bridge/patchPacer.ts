// When the background sends the pages a patch: at once after a quiet stretch, otherwise at most
// once per `minGapMs`, with every change of that stretch in one patch (the diff is taken between
// the state last sent and the state at send time). A run's start and end are a handful of store
// updates within milliseconds (the instance, its run, the stream entry, the status; usage, finish,
// the last text, the answer); one patch for each burst costs one envelope and one panel render.

export interface PatchPacer {
  /** the store changed: send now, or once the gap since the last send has passed */
  changed(): void;
  /** sends what is pending now (before a page is answered, so it never sees an answer before the state it implies) */
  flush(): void;
  dispose(): void;
}

export interface PacerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createPatchPacer(send: () => void, minGapMs: number, clock: PacerClock = realClock): PatchPacer {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  const sendNow = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    lastSentAt = clock.now();
    send();
  };
  return {
    changed() {
      if (timer !== null) return;
      const wait = lastSentAt + minGapMs - clock.now();
      if (wait <= 0) sendNow();
      else timer = clock.setTimeout(sendNow, wait);
    },
    flush() {
      if (timer !== null) sendNow();
    },
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
