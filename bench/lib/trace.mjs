// Chromium traces through a page's DevTools session: every task of the panel's main thread and of
// the service worker's thread, with what each long task spent its time on.
import { withTimeout } from './util.mjs';

// RunTask (toplevel) and what DevTools' Performance panel shows inside tasks (devtools.timeline).
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink.user_timing', '__metadata'];

/** Starts a trace; the returned function stops it and resolves with its events. */
export async function startTrace(session) {
  const events = [];
  const onData = (event) => events.push(...event.value);
  session.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  return async function stopTrace() {
    await session.send('Tracing.end');
    await withTimeout(complete, 60_000, 'the trace to complete');
    session.off('Tracing.dataCollected', onData);
    return normalize(events);
  };
}

/** Begin/end pairs (ph B/E) become complete events (ph X with dur), as most events already are. */
function normalize(events) {
  const out = [];
  const open = new Map();
  const sorted = [...events].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  for (const e of sorted) {
    if (e.ph === 'B') {
      const key = `${e.pid}/${e.tid}`;
      if (!open.has(key)) open.set(key, []);
      open.get(key).push(e);
    } else if (e.ph === 'E') {
      const begin = open.get(`${e.pid}/${e.tid}`)?.pop();
      if (begin) out.push({ ...begin, ph: 'X', dur: e.ts - begin.ts });
    } else out.push(e);
  }
  return out;
}

function threadNames(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, e.args?.name);
  return names;
}

/** The renderer process showing the page at `url` (prefix). */
function processOf(events, urlPrefix) {
  for (const e of events) {
    const frames = e.args?.data?.frames;
    if (Array.isArray(frames)) {
      const frame = frames.find((f) => typeof f.url === 'string' && f.url.startsWith(urlPrefix) && f.processId);
      if (frame) return frame.processId;
    }
    const data = e.args?.data;
    if (data?.url?.startsWith?.(urlPrefix) && data.processId) return data.processId;
  }
  return null;
}

/** { pid, tid } of the main thread of the page at `urlPrefix`, and of the service worker thread in the same process. */
export function findThreads(events, urlPrefix) {
  const pid = processOf(events, urlPrefix);
  const names = threadNames(events);
  let main = null;
  let worker = null;
  for (const [key, name] of names) {
    const [p, t] = key.split('/').map(Number);
    if (p !== pid) continue;
    if (name === 'CrRendererMain') main = { pid: p, tid: t };
    if (name === 'ServiceWorker thread') worker = { pid: p, tid: t };
  }
  return { main, worker };
}

/**
 * Top-level tasks of a thread: [{ start (µs), ms, cpuMs }]. `ms` is wall-clock time, what the user
 * waits; `cpuMs` the thread's own CPU time in it (the trace's thread duration). On a busy machine
 * the two differ by the time the thread waited for a core in the middle of the task.
 */
export function tasksOf(events, thread) {
  if (!thread) return [];
  return events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === thread.pid && e.tid === thread.tid && typeof e.dur === 'number')
    .map((e) => ({ start: e.ts, ms: e.dur / 1000, cpuMs: typeof e.tdur === 'number' ? e.tdur / 1000 : null }))
    .sort((a, b) => a.start - b.start);
}

/**
 * Self time by event name inside one task (what the task did: FunctionCall, ParseHTML, Layout,
 * GC ...), in ms, largest first.
 */
export function taskBreakdown(events, thread, task) {
  const end = task.start + task.ms * 1000;
  const inside = events
    .filter(
      (e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && e.ts >= task.start && e.ts + (e.dur ?? 0) <= end && !e.name.includes('RunTask'),
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map();
  const stack = [];
  let covered = 0;
  for (const e of inside) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (e.dur ?? 0));
    else covered += e.dur ?? 0;
    self.set(e.name, (self.get(e.name) ?? 0) + (e.dur ?? 0));
    stack.push({ ts: e.ts, dur: e.dur ?? 0, name: e.name });
  }
  // Time the task spent outside any traced event: mostly script run from microtasks (promise
  // chains, async iteration), which the devtools.timeline categories do not wrap.
  const uncovered = task.ms * 1000 - covered;
  if (uncovered > 0) self.set('(script in microtasks / untraced)', uncovered);
  return [...self]
    .map(([name, us]) => ({ name, ms: Math.round(us / 10) / 100 }))
    .filter((x) => x.ms >= 0.5)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
}

/** Summary of a thread's tasks: longest (wall clock, and on the CPU), count over 50 ms, total busy time. */
export function summarizeTasks(tasks) {
  const longest = tasks.reduce((max, t) => (t.ms > max.ms ? t : max), { ms: 0, start: 0 });
  const cpu = tasks.map((t) => t.cpuMs).filter((ms) => typeof ms === 'number');
  return {
    count: tasks.length,
    longestMs: Math.round(longest.ms * 100) / 100,
    /** the most CPU time any one task took (null when the trace has no thread times) */
    longestCpuMs: cpu.length ? Math.round(Math.max(...cpu) * 100) / 100 : null,
    /** tasks over 16 ms of wall clock, and of CPU time */
    over16: tasks.filter((t) => t.ms > 16).length,
    over16Cpu: cpu.filter((ms) => ms > 16).length,
    over50: tasks.filter((t) => t.ms > 50).length,
    busyMs: Math.round(tasks.reduce((sum, t) => sum + t.ms, 0)),
    longest,
  };
}

/** Trace time (µs) of the first user-timing mark `name` (performance.mark) on a thread, or null. */
export function markTime(events, name, thread) {
  const mark = events.find((e) => e.name === name && (!thread || (e.pid === thread.pid && e.tid === thread.tid)));
  return mark ? mark.ts : null;
}

/**
 * What the layout and style work of some tasks touched, independent of how long the machine made
 * it take: per Layout event the objects it had to lay out (`dirtyObjects`, of `totalObjects` in the
 * tree), how many were forced from script (run inside a script event: a read of a geometry after a
 * write), and
 * per style recalculation (UpdateLayoutTree) the elements it restyled.
 */
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'v8.callFunction']);

export function layoutWork(events, thread, tasks) {
  if (!thread) return null;
  const inTasks = (e) => tasks.some((t) => e.ts >= t.start && e.ts <= t.start + t.ms * 1000);
  const mine = events.filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && inTasks(e));
  const layouts = mine.filter((e) => e.name === 'Layout');
  const styles = mine.filter((e) => e.name === 'UpdateLayoutTree');
  // Forced: a layout run while script runs (a geometry read after a write), not by the frame.
  const scripts = mine.filter((e) => SCRIPT_EVENTS.has(e.name) && typeof e.dur === 'number');
  const forced = layouts.flatMap((layout) => {
    const by = scripts.find((e) => e.ts <= layout.ts && layout.ts + (layout.dur ?? 0) <= e.ts + e.dur);
    if (!by) return [];
    const data = by.args?.data ?? {};
    const where = data.url ? ` ${data.functionName || '(anonymous)'} ${String(data.url).split('/').pop()}:${data.lineNumber}` : '';
    return [{ by: by.name === 'EventDispatch' ? `EventDispatch ${data.type ?? ''}` : `${by.name}${where}` }];
  });
  const dirty = layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0).sort((a, b) => a - b);
  const restyled = styles.map((e) => e.args?.elementCount ?? e.args?.endData?.elementCount ?? 0).sort((a, b) => a - b);
  const mid = (list) => (list.length ? list[Math.floor(list.length / 2)] : 0);
  return {
    layouts: layouts.length,
    dirtyObjectsMedian: mid(dirty),
    dirtyObjectsP90: dirty.length ? dirty[Math.floor(dirty.length * 0.9)] : 0,
    dirtyObjectsMax: dirty.at(-1) ?? 0,
    totalObjectsMax: Math.max(0, ...layouts.map((e) => e.args?.beginData?.totalObjects ?? 0)),
    forcedLayouts: forced.length,
    forcedBy: [...new Set(forced.map((f) => f.by))].slice(0, 5),
    styleRecalcs: styles.length,
    restyledMedian: mid(restyled),
    restyledMax: restyled.at(-1) ?? 0,
  };
}
