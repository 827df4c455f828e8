// Diagnosis, not a benchmark: two builds of the extension compared in one run, so both see the
// same machine load. Blocks of runs alternate between the builds (one browser open at a time); the
// floor (workerLinearSseRead) is taken before each run, as in streamOverhead.mjs.
//
//   node bench/compareBuilds.mjs DIR_A DIR_B [blocks=2] [runsPerBlock=3] [--hideB]
//
// DIR_A, DIR_B: unpacked builds (a `.output/chrome-mv3` copied aside, e.g. one of a worktree at the
// commit before a change). --hideB hides B's panel (display: none) to tell layout and paint apart.
import { startLlmServerProcess } from './lib/llmServerProcess.mjs';
import { useLocalProvider } from './lib/flowbar.mjs';
import { workerLinearSseRead } from './lib/probes.mjs';
import { resetInstances, runAnswer, startSession } from './lib/session.mjs';
import { median } from './lib/util.mjs';
const dirs = { A: process.argv[2], B: process.argv[3] };
const blocks = Number(process.argv[4] ?? 2);
const perBlock = Number(process.argv[5] ?? 3);
const llm = await startLlmServerProcess();

const rows = {};
try {
  for (let b = 0; b < blocks; b++) {
    for (const name of b % 2 ? ['B', 'A'] : ['A', 'B']) {
      const s = await startSession({ llmUrl: llm.url, model: 'long-5000', extDir: dirs[name] });
      if (name === 'B' && process.argv.includes('--hideB')) await s.page.addStyleTag({ content: 'body { display: none !important; }' });
      try {
        for (const chunks of [5000, 20000]) {
          const model = `long-${chunks}`;
          const lastWord = `word${chunks - 1}`;
          await useLocalProvider(s.worker, llm.url, model);
          await s.worker.evaluate(workerLinearSseRead, { url: llm.url, model });
          await runAnswer({ worker: s.worker, page: s.page, lastWord });
          await resetInstances(s.worker);
          for (let i = 0; i < perBlock; i++) {
            const f = await s.worker.evaluate(workerLinearSseRead, { url: llm.url, model });
            const r = await runAnswer({ worker: s.worker, page: s.page, lastWord });
            await resetInstances(s.worker);
            (rows[`${chunks} ${name}`] ??= []).push({ ...r, floor: f.ms });
          }
        }
      } finally {
        await s.close();
      }
      console.error(`block ${b} ${name} done`);
    }
  }
  const m = (list, k) => +median(list.map((x) => x[k])).toFixed(1);
  for (const [key, list] of Object.entries(rows).sort()) {
    const v = m(list, 'visibleMs');
    const floor = m(list, 'floor');
    console.log(
      `${key}: ${v} ms (floor ${floor}, ${(v / floor).toFixed(2)}×) setup ${m(list, 'setupMs')} read ${m(list, 'readMs')} deliver ${m(list, 'deliverMs')} | ${list.map((r) => `${r.visibleMs.toFixed(0)}/${r.floor.toFixed(0)}`).join(' ')}`,
    );
  }
} finally {
  await llm.close();
}
setTimeout(() => process.exit(0), 100).unref();
