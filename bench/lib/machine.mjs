// What the figures were measured on: they mean little without it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

import { CHROMIUM_PATH } from '../../tests/support/chromiumLaunch.mjs';

export const CHROMIUM = CHROMIUM_PATH;

function run(file, args) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function cpuModel() {
  const fromOs = os.cpus()[0]?.model?.trim();
  if (fromOs && fromOs !== 'unknown') return fromOs;
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : 'unknown';
  } catch {
    return 'unknown';
  }
}

let cached;

/** CPU, cores, memory, Node, Chromium, the source state, and the date. */
export function machineInfo() {
  if (cached) return { ...cached, loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100, date: new Date().toISOString() };
  const status = run('git', ['status', '--porcelain']);
  cached = {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: run(CHROMIUM, ['--version']) ?? 'unknown',
    playwright: readPackageVersion('playwright-core'),
    git: {
      commit: run('git', ['rev-parse', '--short', 'HEAD']),
      dirtyFiles: status === null ? null : status.split('\n').filter(Boolean).length,
    },
  };
  return { ...cached, loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100, date: new Date().toISOString() };
}

function readPackageVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export function machineLine(info = machineInfo()) {
  return `${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, load ${info.loadAverage1m} · Node ${info.node} · ${info.chromium.replace(/ built on .*/, '')} · ${info.date}`;
}
