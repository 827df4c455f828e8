// Instrumentation installed in the extension for a benchmark. Each function here is serialised
// by Playwright and runs in the browser: it must be self-contained (no imports, no closures).

/**
 * Service worker: counts what leaves the worker for pages and tabs, and times each model call.
 *   globalThis.__bench.record(true|false)     start / stop recording messages
 *   globalThis.__bench.messages               [{ t, via, type, bytes, ops, appendChars, streamTextAppend }]
 *   globalThis.__bench.calls                  [{ model, calledAt, firstTextAt, lastTextAt, endedAt, parts, chars }]
 * Installed with worker.evaluate(installWorkerProbe).
 */
export function installWorkerProbe() {
  const g = globalThis;
  if (g.__bench) return 'already installed';
  const now = () => performance.timeOrigin + performance.now();
  const bench = { recording: false, messages: [], calls: [] };
  g.__bench = bench;
  bench.record = (on) => {
    bench.recording = on;
    if (on) bench.messages = [];
  };
  bench.reset = () => {
    bench.messages = [];
    bench.calls = [];
  };

  // Patches are `{ fbp: [epoch, seq, ops] }`, each op a tuple whose paths are relative to the path
  // before it (lib/bridge/patchWire.ts): [keep, ...rest]. Every patch passes here in order, so the
  // chain can be followed (recorded or not).
  let lastPath = [];
  const pathOf = (wire) => {
    lastPath = [...lastPath.slice(0, wire[0]), ...wire.slice(1)];
    return lastPath;
  };
  const describe = (message, via) => {
    let bytes = 0;
    try {
      bytes = JSON.stringify(message)?.length ?? 0;
    } catch {
      bytes = -1;
    }
    const isPatch = Array.isArray(message?.fbp);
    const ops = isPatch && Array.isArray(message.fbp[2]) ? message.fbp[2] : [];
    let appendChars = 0;
    let streamTextAppend = false;
    for (const [code, path, arg] of ops) {
      const at = pathOf(path);
      if (code === 'm') pathOf(arg);
      if (code === 'a') {
        appendChars += arg.length;
        if (at[0] === 'streaming' && at[at.length - 1] === 'text') streamTextAppend = true;
      }
    }
    return { t: now(), via, type: isPatch ? 'flowbar.patch' : (message?.type ?? typeof message), bytes, ops: ops.length, appendChars, streamTextAppend };
  };
  const wrap = (target, name, via, messageIndex) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function benchWrapped(...args) {
      if (bench.recording) {
        const index = typeof messageIndex === 'function' ? messageIndex(args) : messageIndex;
        bench.messages.push(describe(args[index], via));
      }
      return original.apply(this, args);
    };
  };
  // runtime.sendMessage([extensionId,] message, [options,] [callback]); tabs.sendMessage(tabId, message, ...)
  // Both namespaces, where the browser has two distinct ones.
  const namespaces = [g.chrome, g.browser].filter((ns, i, all) => ns && all.indexOf(ns) === i);
  const wrapped = new Set();
  for (const ns of namespaces) {
    if (ns.runtime && !wrapped.has(ns.runtime)) {
      wrapped.add(ns.runtime);
      wrap(ns.runtime, 'sendMessage', 'runtime.sendMessage', (args) => (typeof args[0] === 'string' ? 1 : 0));
    }
    if (ns.tabs && !wrapped.has(ns.tabs)) {
      wrapped.add(ns.tabs);
      wrap(ns.tabs, 'sendMessage', 'tabs.sendMessage', 1);
    }
  }
  bench.namespaces = namespaces.length;

  // Timings of each model call, as the engine's stream loop sees them.
  const services = g.flowbar.services;
  const original = services.chatStream;
  services.chatStream = async function* timedChatStream(request) {
    const call = { model: request.model, calledAt: now(), firstTextAt: null, lastTextAt: null, endedAt: null, parts: 0, chars: 0 };
    bench.calls.push(call);
    try {
      // The stream hands on batches of parts (one per network read or parse slice).
      for await (const batch of original(request)) {
        let texts = 0;
        for (const part of batch) {
          if (part.type !== 'text-delta') continue;
          texts += 1;
          call.parts += 1;
          call.chars += part.text.length;
        }
        if (texts) {
          const t = now();
          call.firstTextAt ??= t;
          call.lastTextAt = t;
        }
        yield batch;
      }
    } finally {
      call.endedAt = now();
    }
  };
  return 'installed';
}

/**
 * Side panel (install with page.addInitScript before it loads):
 *   window.__bench.commits                    React commits (through a minimal DevTools hook)
 *   window.__bench.longTasks                  [{ start, duration }] from the longtask observer
 *   window.__bench.received                   store messages received: { count, bytes }
 *   window.__bench.commands                   [{ type, sentAt, answeredAt }] commands the page sent
 *   window.__bench.watch(text) / found(text)  wall-clock time the text first appeared in the DOM
 *   window.__bench.lag.start() / stop()       timer lateness (event-loop lag) every 50 ms
 *   window.__bench.interactions               [{ name, at, duration, inputDelay, processing }] (Event Timing ≥ 16 ms)
 *   window.__bench.marks                      named wall-clock times (input events, clicks ...)
 */
export function installPanelProbe() {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = {
    commits: 0,
    longTasks: [],
    received: { count: 0, bytes: 0 },
    commands: [],
    watched: new Map(),
    marks: {},
  };
  window.__bench = bench;

  // React DevTools' hook, reduced to counting commits.
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() {
      return 1;
    },
    onCommitFiberRoot() {
      bench.commits += 1;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: performance.timeOrigin + entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasks = null; // not supported
  }

  // Interactions slower than 16 ms (Event Timing: input → handlers → next paint), as INP counts them.
  bench.interactions = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.interactionId)
          bench.interactions.push({
            name: e.name,
            at: performance.timeOrigin + e.startTime,
            duration: e.duration,
            inputDelay: e.processingStart - e.startTime,
            processing: e.processingEnd - e.processingStart,
          });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {
    bench.interactions = null;
  }

  // What the page receives from the worker's store, and the commands it sends.
  try {
    chrome.runtime.onMessage.addListener((message) => {
      if (message && (message.channelName === 'flowbar.store' || Array.isArray(message.fbp))) {
        bench.received.count += 1;
        bench.received.bytes += JSON.stringify(message).length;
      }
      return undefined;
    });
    const send = chrome.runtime.sendMessage;
    chrome.runtime.sendMessage = function benchSend(...args) {
      const message = typeof args[0] === 'string' ? args[1] : args[0];
      const type = message?.payload?.type;
      if (message?.type === 'webext.dispatch' && typeof type === 'string') {
        const query = message.payload.payload?.query;
        const record = { type, query: typeof query === 'string' ? query : undefined, sentAt: now(), answeredAt: null };
        bench.commands.push(record);
        const callbackIndex = args.findIndex((a) => typeof a === 'function');
        if (callbackIndex >= 0) {
          const callback = args[callbackIndex];
          args[callbackIndex] = function (...answer) {
            record.answeredAt = now();
            return callback.apply(this, answer);
          };
        } else {
          const result = send.apply(this, args);
          if (result && typeof result.then === 'function')
            result.then(
              () => (record.answeredAt = now()),
              () => (record.answeredAt = now()),
            );
          return result;
        }
      }
      return send.apply(this, args);
    };
  } catch {
    /* not an extension page */
  }

  // First time a text appears in the DOM (checked on each batch of mutations, on added nodes only).
  const observer = new MutationObserver((mutations) => {
    if (bench.watched.size === 0) return;
    const t = now();
    // The first text of the streaming answer: a trace tells the run's start from its streaming.
    if (!bench.firstTextMarked && document.querySelector('.message-streaming .markdown')) {
      bench.firstTextMarked = true;
      performance.mark('bench-first-text');
    }
    for (const [text, state] of bench.watched) {
      if (state.at !== null) continue;
      for (const m of mutations) {
        const nodes = m.type === 'characterData' ? [m.target] : m.addedNodes;
        let hit = false;
        for (const node of nodes) {
          // only rendered answers (Markdown), not form fields that may hold the same text
          const element = node.nodeType === 1 ? node : node.parentElement;
          if (!element || !(element.closest('.markdown') || element.querySelector?.('.markdown'))) continue;
          if (node.textContent && node.textContent.includes(text)) {
            hit = true;
            break;
          }
        }
        if (hit) {
          state.at = t;
          performance.mark('bench-seen'); // lets a trace tell tasks before and after this moment
          // and the next frame, as a paint opportunity after the change
          requestAnimationFrame(() => (state.frameAt = now()));
          state.resolve?.();
          break;
        }
      }
    }
  });
  const startObserving = () => observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) startObserving();
  else document.addEventListener('DOMContentLoaded', startObserving, { once: true });

  bench.watch = (text) => {
    bench.firstTextMarked = false;
    const state = { at: null, frameAt: null, resolve: null };
    state.done = new Promise((resolve) => (state.resolve = resolve));
    bench.watched.set(text, state);
  };
  bench.found = async (text, timeoutMs) => {
    const state = bench.watched.get(text);
    if (!state) throw new Error(`not watching ${text}`);
    await Promise.race([state.done, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    // let the frame after it happen
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { at: state.at, frameAt: state.frameAt };
  };

  // Event-loop lag: how late a 50 ms timer fires.
  bench.lag = {
    samples: [],
    timer: null,
    start() {
      this.samples = [];
      let expected = performance.now() + 50;
      const tick = () => {
        const t = performance.now();
        this.samples.push(Math.max(0, t - expected));
        expected = t + 50;
        this.timer = setTimeout(tick, 50);
      };
      this.timer = setTimeout(tick, 50);
    },
    stop() {
      clearTimeout(this.timer);
      return this.samples;
    },
  };

  // Wall-clock marks of user input, in the capture phase (before the app sees it).
  for (const type of ['input', 'click', 'pointerdown', 'keydown']) {
    document.addEventListener(type, () => (bench.marks[type] = now()), { capture: true });
  }
}

/**
 * Service worker, diagnosis: the engine's model client (openai SDK) reading one stream with nothing
 * else running, optionally with the response body cut into pieces of at most `rechunkBytes`
 * (what-if for the proposed fix). Returns { ms, parts, reads, maxReadBytes }.
 * Run with worker.evaluate(workerSdkRead, { url, model, rechunkBytes }).
 */
export async function workerSdkRead({ url, model, rechunkBytes = 0 }) {
  const g = globalThis;
  const originalFetch = g.fetch;
  const reads = [];
  g.fetch = async (...args) => {
    const response = await originalFetch(...args);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        reads.push(value.length);
        if (!rechunkBytes) return controller.enqueue(value);
        for (let i = 0; i < value.length; i += rechunkBytes) controller.enqueue(value.subarray(i, i + rechunkBytes));
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  try {
    const t0 = performance.now();
    let parts = 0;
    const stream = g.flowbar.services.chatStream({ providerName: 'bench', baseURL: url, model, messages: [{ role: 'user', content: 'bench' }] });
    for await (const batch of stream) for (const part of batch) if (part.type === 'text-delta') parts += 1;
    return { ms: performance.now() - t0, parts, reads: reads.length, maxReadBytes: Math.max(0, ...reads) };
  } finally {
    g.fetch = originalFetch;
  }
}

/**
 * Service worker, diagnosis: the floor for reading the stream in the worker — fetch, decode and a
 * linear SSE split (no SDK), JSON-parsing each event. Returns { ms, parts }.
 */
export async function workerLinearSseRead({ url, model }) {
  const t0 = performance.now();
  const response = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'bench' }] }),
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let parts = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let start = 0;
    let end;
    while ((end = buffer.indexOf('\n\n', start)) !== -1) {
      const event = buffer.slice(start, end);
      start = end + 2;
      if (event.startsWith('data: {') && JSON.parse(event.slice(6)).choices?.[0]?.delta?.content) parts += 1;
    }
    buffer = buffer.slice(start);
  }
  return { ms: performance.now() - t0, parts };
}

/**
 * Side panel: resolves when the History view shows the answer to a search command sent at or
 * after `since` (wall-clock ms; for `query` if given): the command answered, the status no longer "Searching…", and the
 * DOM updated; `frameAt` is the next animation frame. Run with page.evaluate(historyShownAfter, ...).
 */
export function historyShownAfter({ since, timeoutMs, query }) {
  const bench = window.__bench;
  const now = () => performance.timeOrigin + performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    };
    const check = () => {
      const command = bench.commands.find(
        (c) => c.type === 'cmd/history/search' && c.sentAt >= since && c.answeredAt && (query === undefined || c.query === query),
      );
      if (!command) return;
      const section = document.querySelector('section[aria-label="History"]');
      const status = section?.querySelector('[role="status"]')?.textContent ?? '';
      if (!section || status.includes('Searching')) return;
      const shownAt = now();
      const items = section.querySelectorAll('li').length;
      requestAnimationFrame(() => finish({ shownAt, frameAt: now(), sentAt: command.sentAt, answeredAt: command.answeredAt, items, status }));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(() => finish(null), timeoutMs);
    check();
  });
}

/**
 * Service worker, what-if for the history search: ask the `words` index for at most `probeKeys`
 * candidates of the most selective term. Fewer than that: the words are rare, read just those rows
 * (runPersistence.searchHistory's path, now bounded). As many: the words are common, so the newest
 * rows (updatedAt index, filtered in memory, at most `scanRows`) fill the page at once; only if
 * they do not, the unbounded path. Same results as searchHistory. Returns { ms, items, hasMore, path }.
 */
export async function workerHybridSearch({ query, offset = 0, limit = 30, probeKeys = 400, scanRows = 2000 }) {
  const db = globalThis.flowbar.services.db;
  const t0 = performance.now();
  const terms = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
  const matches = (row) => terms.every((t) => row.words.some((w) => w.startsWith(t)));
  const fromCandidates = async (ids) => {
    const candidates = await db.instances.bulkGet([...new Set(ids)]);
    return candidates
      .filter((row) => !!row && matches(row))
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(offset, offset + limit + 1);
  };
  let rows;
  let path;
  if (terms.length === 0) {
    path = 'newest';
    rows = await db.instances
      .orderBy('updatedAt')
      .reverse()
      .offset(offset)
      .limit(limit + 1)
      .toArray();
  } else {
    const [first] = [...terms].sort((a, b) => b.length - a.length);
    const probe = await db.instances.where('words').startsWith(first).limit(probeKeys).primaryKeys();
    if (probe.length < probeKeys) {
      path = 'rare: index';
      rows = await fromCandidates(probe);
    } else {
      path = 'common: newest rows';
      let scanned = 0;
      const recent = await db.instances
        .orderBy('updatedAt')
        .reverse()
        .until(() => scanned >= scanRows)
        .filter((row) => {
          scanned += 1;
          return matches(row);
        })
        .limit(offset + limit + 1)
        .toArray();
      if (recent.length >= offset + limit + 1) rows = recent.slice(offset);
      else {
        path = 'common words, rare together: full index';
        rows = await fromCandidates(await db.instances.where('words').startsWith(first).primaryKeys());
      }
    }
  }
  return { ms: performance.now() - t0, items: Math.min(rows.length, limit), hasMore: rows.length > limit, path };
}

/**
 * Service worker, what-if: from now on every fetch response body reaches its reader in pieces of
 * at most `bytes` (zero-copy subarrays), the change proposed for lib/llm/openaiChatStream.ts
 * (the SDK builds its client per request and picks up the global fetch). `restore: true` undoes it.
 */
export function rechunkWorkerFetch({ bytes = 4096, restore = false }) {
  const g = globalThis;
  if (restore) {
    if (g.__benchOriginalFetch) g.fetch = g.__benchOriginalFetch;
    delete g.__benchOriginalFetch;
    return 'restored';
  }
  if (g.__benchOriginalFetch) return 'already';
  const originalFetch = (g.__benchOriginalFetch = g.fetch);
  g.fetch = async (...args) => {
    const response = await originalFetch(...args);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        for (let i = 0; i < value.length; i += bytes) controller.enqueue(value.subarray(i, i + bytes));
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return 'installed';
}
