import type { ChatStream } from './chatModel';

// Model requests wait their turn per provider host. Chromium opens at most 6 connections per host
// (HTTP/1.1, which local servers such as Ollama and LM Studio speak): a 7th streaming answer would
// wait inside the browser, unseen, while its timeout ran. Here it waits in Flowbar's own queue
// instead, where the user sees "Queued (n ahead)", Stop removes it, and its timeout has not started.
// Small enough not to need a library: a FIFO of waiters per key, each with its abort signal.

/** Requests in flight at once to one provider host; below Chromium's 6 so other calls to the host (model lists, Test connection) still get a connection. */
export const DEFAULT_REQUESTS_PER_PROVIDER = 4;

/** What a queued request shows, on the instance and on a flow action. */
export const queuedNotice = (ahead: number) => `Queued (${ahead} ahead)`;

export interface AcquireOptions {
  /** aborting it while the request waits removes it from the queue; acquire rejects with an AbortError */
  signal?: AbortSignal;
  /** told how many requests wait ahead of this one: when it starts waiting and each time that changes */
  onQueued?(ahead: number): void;
}

export interface RequestQueue {
  /** Resolves with `release` once fewer than the limit of requests to `key` are in flight (at once if a slot is free). */
  acquire(key: string, options?: AcquireOptions): Promise<() => void>;
  /** in flight and waiting, for `key` */
  load(key: string): { active: number; waiting: number };
}

interface Waiter {
  grant(): void;
  options: AcquireOptions;
}

interface Lane {
  active: number;
  waiting: Waiter[];
}

export function createRequestQueue(limitFor: (key: string) => number = () => DEFAULT_REQUESTS_PER_PROVIDER): RequestQueue {
  const lanes = new Map<string, Lane>();
  const laneOf = (key: string) => {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { active: 0, waiting: [] }));
    return lane;
  };
  const tellPositions = (lane: Lane, from = 0) => {
    for (let i = from; i < lane.waiting.length; i++) lane.waiting[i].options.onQueued?.(i);
  };

  const releaser = (key: string, lane: Lane) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.active -= 1;
      const next = lane.waiting.shift();
      if (next) {
        lane.active += 1;
        tellPositions(lane);
        next.grant();
      } else if (lane.active === 0) lanes.delete(key);
    };
  };

  return {
    acquire(key, options = {}) {
      const lane = laneOf(key);
      if (options.signal?.aborted) return Promise.reject(abortError(options.signal));
      if (lane.active < Math.max(1, limitFor(key))) {
        lane.active += 1;
        return Promise.resolve(releaser(key, lane));
      }
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          const index = lane.waiting.indexOf(waiter);
          if (index >= 0) {
            lane.waiting.splice(index, 1);
            tellPositions(lane, index);
          }
          reject(abortError(options.signal!));
        };
        const waiter: Waiter = {
          options,
          grant: () => {
            options.signal?.removeEventListener('abort', onAbort);
            resolve(releaser(key, lane));
          },
        };
        lane.waiting.push(waiter);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        options.onQueued?.(lane.waiting.length - 1);
      });
    },
    load(key) {
      const lane = lanes.get(key);
      return { active: lane?.active ?? 0, waiting: lane?.waiting.length ?? 0 };
    },
  };
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The request was canceled while it waited its turn.', 'AbortError');
}

/** The queue's key for a provider: its origin, since the browser's connection limit is per host. */
export function providerQueueKey(baseURL: string): string {
  try {
    return new URL(baseURL).origin;
  } catch {
    return baseURL;
  }
}

export interface QueuedStreamHooks {
  /** the request waits: `ahead` requests wait before it */
  onQueued?(ahead: number): void;
  /** the request waited and now goes out */
  onSent?(): void;
}

/**
 * `chatStream` behind the queue: each call waits for a slot of its provider's host before the
 * request (and so its timeout) starts, and holds the slot until the stream ends, fails or is aborted.
 */
export function queuedChatStream(chatStream: ChatStream, queue: RequestQueue, hooks: QueuedStreamHooks = {}): ChatStream {
  return async function* (request) {
    let waited = false;
    const release = await queue.acquire(providerQueueKey(request.baseURL), {
      signal: request.signal,
      onQueued: (ahead) => {
        waited = true;
        hooks.onQueued?.(ahead);
      },
    });
    try {
      if (waited) hooks.onSent?.();
      yield* chatStream(request);
    } finally {
      release();
    }
  };
}
