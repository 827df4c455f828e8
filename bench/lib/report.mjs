// Rows of measured figures, printed as a table and written as JSON to bench/results/<name>.json.
// A row's verdict is pass or miss against its target, or info; benchmarks never fail a build.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLine } from './load.mjs';
import { machineInfo, machineLine } from './machine.mjs';
import { round } from './util.mjs';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

const OPS = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
};

/**
 * One figure.
 * @param {object} r
 * @param {string} r.metric       what was measured
 * @param {number|null} r.value   the measured figure (null: not measured; say why in note)
 * @param {string} r.unit         ms, KB, B/char, ×, count ...
 * @param {{ value: number, label?: string }} [r.baseline]   what the figure is compared with (ratio = value / baseline)
 * @param {{ op: '<'|'<='|'>='|'==', value: number, on?: 'value'|'ratio' }} [r.target]
 * @param {string} [r.note]
 */
export function row({ metric, value, unit, baseline, target, note }) {
  const ratio =
    value === null || value === undefined
      ? null
      : baseline && baseline.value
        ? value / baseline.value
        : target && (target.on ?? 'value') === 'value' && target.value
          ? value / target.value
          : null;
  let verdict = 'info';
  if (target) {
    const subject = (target.on ?? 'value') === 'ratio' ? ratio : value;
    verdict = subject === null || subject === undefined || Number.isNaN(subject) ? 'n/a' : OPS[target.op](subject, target.value) ? 'pass' : 'MISS';
  }
  return {
    metric,
    value: round(value, 3),
    unit,
    baseline: baseline ? { ...baseline, value: round(baseline.value, 3) } : undefined,
    target,
    ratio: round(ratio, 3),
    verdict,
    note,
  };
}

function fmt(value, unit) {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

function describeReference(r) {
  const parts = [];
  if (r.baseline) parts.push(`${r.baseline.label ?? 'baseline'} ${fmt(r.baseline.value, r.unit)}`);
  if (r.target) {
    const on = r.target.on ?? 'value';
    parts.push(`target ${r.target.op} ${fmt(r.target.value, on === 'ratio' ? '×' : r.unit)}`);
  }
  return parts.join(' · ') || '—';
}

export function formatTable(title, rows) {
  const header = ['metric', 'measured', 'baseline / target', 'ratio', 'result'];
  const body = rows.map((r) => [
    r.metric,
    fmt(r.value, r.unit),
    describeReference(r),
    r.ratio === null || r.ratio === undefined ? '—' : `${fmt(r.ratio)}×`,
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => String(line[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' │ ');
  const out = [`\n${title}`, line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)];
  const notes = rows.filter((r) => r.note).map((r) => `  · ${r.metric}: ${r.note}`);
  if (notes.length) out.push(...notes);
  return out.join('\n');
}

// The load monitor of this run (load.mjs), if the runner started one; the benchmark's window is
// opened by runBenchmark and closed when its figures are published.
let monitor = null;
let benchmarkWindow = null;
export function useLoadMonitor(value) {
  monitor = value;
}
export function openBenchmarkLoadWindow() {
  benchmarkWindow = monitor?.window() ?? null;
}
/** A window for one figure inside a benchmark: `stop()` gives the load during it (null without a monitor). */
export function openLoadWindow() {
  const window = monitor?.window();
  return { stop: () => window?.stop() ?? null };
}

/** Prints the table and writes bench/results/<name>.json; returns what was written. */
export function publish(name, title, rows, details = {}) {
  const machine = machineInfo();
  const load = benchmarkWindow?.stop() ?? null;
  benchmarkWindow = null;
  // every figure carries the load of the benchmark that measured it (finer windows are in details)
  const result = { name, title, machine, load, rows: rows.map((r) => ({ ...r, load: r.load ?? load })), details };
  console.log(formatTable(`${title}   (${machineLine(machine)})`, rows));
  console.log(`  ${loadLine(load)}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** A benchmark that could not run: recorded, printed, never thrown at the runner. */
export function publishFailure(name, title, error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`\n${title}: could not be measured\n${message}`);
  return publish(name, title, [row({ metric: 'benchmark', value: null, unit: '', note: `error: ${String(error?.message ?? error)}` })], { error: message });
}
