// `npm run bench` runs every benchmark; `npm run bench -- stream` (or several names) runs some.
//   --quick   fewer repetitions (a smoke run; figures are noisier)
//   --build   rebuild the extension first (otherwise it is built only when .output is missing)
//   --strict  exit 1 if a benchmark could not run (a missed target never fails: these are figures)
//   --busy    run a bounded CPU burner on one core for the length of the run (busy-machine figures)
// The load (load average, CPU of other processes) is sampled during each benchmark and recorded
// with its figures.
// Each benchmark prints its table and writes bench/results/<name>.json; this runner also writes
// bench/results/summary.json with every row that has a target. See docs/performance.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as bridge from './bridgeTraffic.mjs';
import * as concurrency from './concurrency.mjs';
import * as history from './historyAtScale.mjs';
import * as conversation from './longConversation.mjs';
import { runBenchmark, startLoadConditions } from './lib/cli.mjs';
import { ensureBuilt, extensionSnapshot } from './lib/flowbar.mjs';
import { machineInfo, machineLine } from './lib/machine.mjs';
import { loadLine } from './lib/load.mjs';
import { formatTable, RESULTS_DIR } from './lib/report.mjs';
import * as panel from './panelMainThread.mjs';
import * as stream from './streamOverhead.mjs';
import * as team from './teamServer.mjs';
import * as weight from './weight.mjs';

const BENCHMARKS = [weight, stream, bridge, panel, history, concurrency, conversation, team];
const ALIASES = {
  streamOverhead: 'stream',
  bridgeTraffic: 'bridge',
  panelMainThread: 'panel',
  historyAtScale: 'history',
  longConversation: 'conversation',
  teamServer: 'team',
};

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const names = args.filter((a) => !a.startsWith('--')).map((a) => ALIASES[a] ?? a);
const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;

await ensureBuilt({ force: flags.has('--build') });
const busy = flags.has('--busy');
const conditions = startLoadConditions({ busy });
const machine = machineInfo();
console.log(
  `Flowbar benchmarks: ${selected.map((b) => b.name).join(', ')}${flags.has('--quick') ? ' (quick)' : ''}${busy ? ' (busy: a CPU burner on one core)' : ''}`,
);
console.log(`machine: ${machineLine(machine)}; extension built ${extensionSnapshot().builtAt}`);
if (machine.loadAverage1m > machine.cores)
  console.log(`note: the load average (${machine.loadAverage1m}) exceeds the ${machine.cores} cores: expect noisy figures.`);

const results = [];
const runWindow = conditions.monitor.window();
for (const bench of selected) {
  console.log(`\n▶ ${bench.title}`);
  const result = await runBenchmark(bench, { quick: flags.has('--quick') });
  console.log(`  (${Math.round(result.elapsedMs / 1000)} s)`);
  results.push(result);
}
const runLoad = runWindow.stop();
conditions.stop();

// Sub-rows (indented) borrow their parent's label, so each summary line stands on its own.
const targeted = results.flatMap((r) => {
  let parent = '';
  return r.rows.flatMap((row) => {
    const indented = row.metric.startsWith(' ');
    if (!indented) parent = row.metric.split(':')[0];
    if (row.verdict === 'info') return [];
    const metric = indented ? `${parent} › ${row.metric.trim()}` : row.metric;
    return [{ ...row, metric: `${r.name}: ${metric}` }];
  });
});
console.log(
  formatTable(
    'Summary: every figure with a target',
    targeted.map((row) => ({ ...row, note: undefined })),
  ),
);
for (const r of results) console.log(`  ${r.name}: ${loadLine(r.load)}`);
console.log(`  whole run${busy ? ' (busy)' : ''}: ${loadLine(runLoad)}`);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  path.join(RESULTS_DIR, 'summary.json'),
  `${JSON.stringify({ machine: machineInfo(), quick: flags.has('--quick'), busy, load: runLoad, benchmarks: results.map((r) => ({ name: r.name, title: r.title, elapsedMs: r.elapsedMs, failed: Boolean(r.failed), load: r.load })), rows: targeted }, null, 2)}\n`,
);
const failed = results.filter((r) => r.failed);
if (failed.length) console.log(`\ncould not run: ${failed.map((r) => r.name).join(', ')} (see bench/results/<name>.json)`);
if (failed.length && flags.has('--strict')) process.exitCode = 1;
setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
