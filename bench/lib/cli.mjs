// Running one benchmark file on its own (`node bench/streamOverhead.mjs`), as the runner does.
import { fileURLToPath } from 'node:url';
import { startCpuBurner } from './cpuBurner.mjs';
import { ensureBuilt } from './flowbar.mjs';
import { startLoadMonitor } from './load.mjs';
import { openBenchmarkLoadWindow, publishFailure, useLoadMonitor } from './report.mjs';
import { withTimeout } from './util.mjs';

/** True when `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl) {
  return process.argv[1] === fileURLToPath(moduleUrl);
}

/**
 * Runs a benchmark module ({ name, title, budgetMs, run }) within its time budget. A failure is
 * recorded in its results file and printed; it is never thrown (benchmarks do not fail builds).
 */
export async function runBenchmark(bench, options = {}) {
  const started = Date.now();
  openBenchmarkLoadWindow();
  try {
    const result = await withTimeout(bench.run(options), bench.budgetMs ?? 600_000, `benchmark ${bench.name}`);
    return { ...result, elapsedMs: Date.now() - started };
  } catch (error) {
    return { ...publishFailure(bench.name, bench.title, error), elapsedMs: Date.now() - started, failed: true };
  }
}

/**
 * Starts the load monitor and, with `busy`, the CPU burner (one core, stopped by `stop()`, at exit,
 * and at its own hard deadline). Returns { monitor, burner, stop }.
 */
export function startLoadConditions({ busy = false } = {}) {
  const monitor = startLoadMonitor();
  useLoadMonitor(monitor);
  const burner = busy ? startCpuBurner() : null;
  if (burner) monitor.setBurnerPid(burner.pid);
  return {
    monitor,
    burner,
    stop() {
      burner?.stop();
      monitor.stop();
    },
  };
}

export async function runStandalone(bench) {
  await ensureBuilt({ force: process.argv.includes('--build') });
  const conditions = startLoadConditions({ busy: process.argv.includes('--busy') });
  const result = await runBenchmark(bench, { quick: process.argv.includes('--quick') });
  conditions.stop();
  if (result.failed && process.argv.includes('--strict')) process.exitCode = 1;
  // Playwright or a child may keep handles open: the figures are written, leave.
  setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
}
