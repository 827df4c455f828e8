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

/** CPU ticks of `root` and all its descendants (living ones; children that exited are not counted). */
function treeTicks(table, root, exclude) {
  const children = new Map();
  for (const [pid, { ppid }] of table) (children.get(ppid) ?? children.set(ppid, []).get(ppid)).push(pid);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    if (exclude.has(pid)) continue;
    total += table.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Starts sampling. `window()` opens a window; its `stop()` returns
 * { loadAvg1m: {mean, max}, otherCpuCores, benchCpuCores, burnerCpuCores, seconds } where the
 * *CpuCores figures are average cores kept busy (2 = both cores of a 2-core machine).
 * `burnerPid`, when set, is counted apart from both.
 */
export function startLoadMonitor() {
  const samples = [];
  let burnerPid = null;
  const sample = () => {
    const table = processTable();
    const machine = machineBusyTicks();
    const burner = burnerPid ? treeTicks(table, burnerPid, new Set()) : 0;
    const bench = treeTicks(table, process.pid, new Set(burnerPid ? [burnerPid] : []));
    samples.push({ at: Date.now(), load1m: os.loadavg()[0], machine, bench, burner });
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  timer.unref();
  return {
    setBurnerPid(pid) {
      burnerPid = pid;
    },
    window() {
      const from = samples.length - 1;
      return {
        stop() {
          sample();
          return summarizeWindow(samples.slice(from));
        },
      };
    },
    stop() {
      clearInterval(timer);
    },
  };
}

function summarizeWindow(window) {
  const first = window[0];
  const last = window.at(-1);
  const seconds = (last.at - first.at) / 1000;
  const loads = window.map((s) => s.load1m);
  const round = (v) => Math.round(v * 100) / 100;
  const cores = (ticks) => (seconds > 0 ? round(ticks / CLOCK_TICKS / seconds) : null);
  const machine = first.machine !== null && last.machine !== null ? last.machine - first.machine : null;
  // the bench's own tree: children that exited in the window lose their ticks, so this is a floor
  const bench = Math.max(0, last.bench - first.bench);
  const burner = Math.max(0, last.burner - first.burner);
  return {
    seconds: round(seconds),
    loadAvg1m: { mean: round(loads.reduce((a, b) => a + b, 0) / loads.length), max: round(Math.max(...loads)) },
    machineCpuCores: machine === null ? null : cores(machine),
    benchCpuCores: cores(bench),
    burnerCpuCores: cores(burner),
    otherCpuCores: machine === null ? null : cores(Math.max(0, machine - bench - burner)),
  };
}

export function loadLine(load) {
  if (!load) return 'load: not sampled';
  const other = load.otherCpuCores === null ? '' : `, other processes ${load.otherCpuCores} cores`;
  const burner = load.burnerCpuCores ? `, burner ${load.burnerCpuCores} cores` : '';
  return `load average ${load.loadAvg1m.mean} (max ${load.loadAvg1m.max})${other}${burner}, this benchmark ${load.benchCpuCores} cores, over ${Math.round(load.seconds)} s`;
}
