// How busy the machine was while a figure was measured: the load average, and how much CPU went to
// processes outside this benchmark (its own Node process, the browser and the servers it started).
// Sampled from /proc once a second; a window (start → stop) summarises the samples taken in it.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const SAMPLE_MS = 1000;
const CLOCK_TICKS = 100; // USER_HZ on Linux

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine, in ticks (all cores), or null off Linux. */
function machineBusyTicks() {
  const line = readText('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + (steal ?? 0);
}

/** pid → { ppid, ticks (utime + stime of the process itself) } for every process. */
function processTable() {
  const table = new Map();
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readText(`/proc/${name}/stat`);
    if (!stat) continue;
    // the command name is in parentheses and may hold spaces: fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  return table;
}

/** The pids of `root` and all its descendants, without `exclude` and its descendants. */
function treePids(table, root, exclude) {
  const children = new Map();
  for (const [pid, { ppid }] of table) (children.get(ppid) ?? children.set(ppid, []).get(ppid)).push(pid);
  const pids = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    if (exclude === pid) continue;
    pids.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/**
 * Starts sampling. `window()` opens a window; its `stop()` returns
 * { loadAvg1m: {mean, max}, machineCpuCores, benchCpuCores, burnerCpuCores, otherCpuCores, seconds }
 * where the *CpuCores figures are average cores kept busy (2 = both cores of a 2-core machine).
 * Each sample adds what every process used since the one before (so the browser a benchmark
 * started and closed inside the window is counted); `burnerPid`, when set, is counted apart.
 */
export function startLoadMonitor() {
  const samples = [];
  let burnerPid = null;
  let lastTicks = new Map();
  let lastMachine = machineBusyTicks();
  const sample = () => {
    const table = processTable();
    const machine = machineBusyTicks();
    const since = (pid) => Math.max(0, (table.get(pid)?.ticks ?? 0) - (lastTicks.get(pid) ?? 0));
    const bench = treePids(table, process.pid, burnerPid).reduce((sum, pid) => sum + since(pid), 0);
    const burner = burnerPid ? treePids(table, burnerPid, null).reduce((sum, pid) => sum + since(pid), 0) : 0;
    samples.push({ at: Date.now(), load1m: os.loadavg()[0], machine: machine === null || lastMachine === null ? null : machine - lastMachine, bench, burner });
    lastTicks = new Map([...table].map(([pid, { ticks }]) => [pid, ticks]));
    lastMachine = machine;
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  timer.unref();
  return {
    setBurnerPid(pid) {
      burnerPid = pid;
    },
    window() {
      sample();
      const from = samples.length; // the samples after this one cover the window
      const startedAt = samples.at(-1).at;
      return {
        stop() {
          sample();
          return summarizeWindow(samples.slice(from), startedAt);
        },
      };
    },
    stop() {
      clearInterval(timer);
    },
  };
}

function summarizeWindow(window, startedAt) {
  const round = (v) => Math.round(v * 100) / 100;
  const seconds = ((window.at(-1)?.at ?? startedAt) - startedAt) / 1000;
  const sum = (key) => window.reduce((total, s) => (total === null || s[key] === null ? null : total + s[key]), 0);
  const cores = (ticks) => (ticks === null || seconds <= 0 ? null : round(ticks / CLOCK_TICKS / seconds));
  const loads = window.map((s) => s.load1m);
  const machine = sum('machine');
  const bench = sum('bench');
  const burner = sum('burner');
  return {
    seconds: round(seconds),
    loadAvg1m: loads.length ? { mean: round(loads.reduce((a, b) => a + b, 0) / loads.length), max: round(Math.max(...loads)) } : null,
    machineCpuCores: cores(machine),
    benchCpuCores: cores(bench),
    burnerCpuCores: cores(burner),
    otherCpuCores: machine === null ? null : cores(Math.max(0, machine - bench - burner)),
  };
}

export function loadLine(load) {
  if (!load) return 'load: not sampled';
  const other = load.otherCpuCores === null ? '' : `, other processes ${load.otherCpuCores} cores`;
  const burner = load.burnerCpuCores ? `, burner ${load.burnerCpuCores} cores` : '';
  return `load average ${load.loadAvg1m?.mean} (max ${load.loadAvg1m?.max})${other}${burner}, this benchmark ${load.benchCpuCores} cores, over ${Math.round(load.seconds)} s`;
}
