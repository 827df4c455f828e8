// `--busy`: a bounded CPU burner on one core for the length of the run, so busy-machine figures can
// be reproduced. One Node child spinning in a loop (one thread: one core). It stops itself at its
// deadline, spawn's `timeout` kills it then too, and the parent kills it when it exits.
import { spawn } from 'node:child_process';

/** Hard limit whatever happens to the parent (the full run takes ~10 minutes). */
export const MAX_BURN_MS = 45 * 60_000;

const BURN = `
const deadline = Date.now() + Number(process.argv[1]);
let x = 0;
while (Date.now() < deadline) { for (let i = 0; i < 1e6; i++) x = (x * 1103515245 + 12345) | 0; }
`;

export function startCpuBurner(maxMs = MAX_BURN_MS) {
  const child = spawn(process.execPath, ['-e', BURN, String(maxMs)], { stdio: 'ignore', timeout: maxMs + 5_000, killSignal: 'SIGKILL' });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => (kill(), process.exit(130)));
  return { pid: child.pid, stop: kill };
}
