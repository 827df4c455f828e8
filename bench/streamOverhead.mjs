// 1. Stream overhead: a 5,000-chunk answer sent as fast as the local server can, read by Flowbar
// end to end (worker store → bridge → panel rendering Markdown in real Chromium) versus the
// `openai` SDK reading the same stream in Node and doing nothing else. Also at 20,000 chunks.
//
// Flowbar's time runs from the `cmd/prompt/run` command in the worker to the last word in the
// panel's rendered answer; the baseline's from the request to its last token. Baseline, floor and
// Flowbar runs alternate, so all three see the same machine load: the floor (fetch + a linear SSE
// parse in the worker, workerLinearSseRead) is taken right before each Flowbar run of the same
// size, not in a separate pass at the end (before session 3 it was, so a change of load between the
// two passes moved the ratio; the figure itself is measured as before).
import { runStandalone, isMain } from './lib/cli.mjs';
import { useLocalProvider } from './lib/flowbar.mjs';
import { startLlmServerProcess } from './lib/llmServerProcess.mjs';
import { rechunkWorkerFetch, workerLinearSseRead, workerSdkRead } from './lib/probes.mjs';
import { openLoadWindow, publish, row } from './lib/report.mjs';
import { startSdkBaseline } from './lib/sdkBaselineClient.mjs';
import { resetInstances, runAnswer, startSession } from './lib/session.mjs';
import { longAnswerText, median, summarize } from './lib/util.mjs';

export const name = 'stream';
export const title = '1. Stream overhead';
export const budgetMs = 20 * 60_000;

const TARGET_RATIO = 1.3;
const TARGET_GROWTH = 4.5;
/** issue 14: command → last token in the panel at most 1.5× the floor (fetch + a linear SSE parse in the worker) */
const TARGET_FLOOR_RATIO = 1.5;

async function measureSize({ worker, page, sdk, llmUrl, chunks, runs, warmup = true }) {
  const loadWindow = openLoadWindow();
  const model = `long-${chunks}`;
  const lastWord = `word${chunks - 1}`;
  const expectedLength = longAnswerText(chunks).length;
  await useLocalProvider(worker, llmUrl, model);
  // warm-up: server, SDK client and the extension's code paths
  if (warmup) {
    await sdk.run(model);
    await sdk.run(model);
    await worker.evaluate(workerLinearSseRead, { url: llmUrl, model });
    await runAnswer({ worker, page, lastWord });
    await resetInstances(worker);
  }

  const baseline = [];
  const floor = [];
  const flowbar = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(await sdk.run(model));
    floor.push(await worker.evaluate(workerLinearSseRead, { url: llmUrl, model }));
    const run = await runAnswer({ worker, page, lastWord });
    run.complete = run.parts === chunks && run.answerLength === expectedLength;
    flowbar.push(run);
    await resetInstances(worker);
  }
  return { chunks, model, baseline, floor, flowbar, load: loadWindow.stop() };
}

/** A row with the load measured during its own figure. */
const withLoad = (load, spec) => ({ ...row(spec), load: load ?? undefined });

export async function run({ quick = false } = {}) {
  const llm = await startLlmServerProcess();
  const sdk = await startSdkBaseline(llm.url);
  let session;
  const sizes = [];
  const whatIf = [];
  const diagnosis = { asIs: [], rechunked4k: [] };
  try {
    session = await startSession({ llmUrl: llm.url, model: 'long-5000' });
    const { worker, page } = session;
    sizes.push(await measureSize({ worker, page, sdk, llmUrl: llm.url, chunks: 5000, runs: quick ? 2 : 5 }));
    sizes.push(await measureSize({ worker, page, sdk, llmUrl: llm.url, chunks: 20000, runs: quick ? 1 : 3 }));
    // What-if: the whole measurement again with the proposed fix applied in the worker.
    await worker.evaluate(rechunkWorkerFetch, { bytes: 4096 });
    whatIf.push(await measureSize({ worker, page, sdk, llmUrl: llm.url, chunks: 5000, runs: quick ? 2 : 5 }));
    whatIf.push(await measureSize({ worker, page, sdk, llmUrl: llm.url, chunks: 20000, runs: quick ? 1 : 3 }));
    await worker.evaluate(rechunkWorkerFetch, { restore: true });
    // Where the time goes: the SDK alone inside the worker, as is and with the body re-chunked.
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      diagnosis.asIs.push(await worker.evaluate(workerSdkRead, { url: llm.url, model: 'long-5000', rechunkBytes: 0 }));
      diagnosis.rechunked4k.push(await worker.evaluate(workerSdkRead, { url: llm.url, model: 'long-5000', rechunkBytes: 4096 }));
    }
  } finally {
    await session?.close();
    await sdk.close();
    await llm.close();
  }

  const rows = [];
  const med = (list, key) => median(list.map((x) => x[key]));
  const [small, large] = sizes;
  for (const size of sizes) {
    const label = size.chunks.toLocaleString('en-US');
    const visible = med(size.flowbar, 'visibleMs');
    const base = med(size.baseline, 'lastTokenMs');
    const incomplete = size.flowbar.filter((r) => !r.complete).length;
    rows.push(
      withLoad(size.load, {
        metric: `${label} chunks: command → last token in panel DOM`,
        value: visible,
        unit: 'ms',
        baseline: { value: base, label: 'SDK in Node' },
        target: size === small ? { op: '<=', value: TARGET_RATIO, on: 'ratio' } : undefined,
        note: incomplete ? `${incomplete} run(s) lost tokens` : undefined,
      }),
    );
    rows.push(row({ metric: `  ${label}: setup (command → request sent)`, value: med(size.flowbar, 'setupMs'), unit: 'ms' }));
    rows.push(
      row({
        metric: `  ${label}: read in worker (request → last token)`,
        value: med(size.flowbar, 'readMs'),
        unit: 'ms',
        baseline: { value: base, label: 'SDK in Node' },
      }),
    );
    rows.push(row({ metric: `  ${label}: worker → panel DOM`, value: med(size.flowbar, 'deliverMs'), unit: 'ms' }));
  }
  const growth = med(large.flowbar, 'visibleMs') / med(small.flowbar, 'visibleMs');
  const baseGrowth = med(large.baseline, 'lastTokenMs') / med(small.baseline, 'lastTokenMs');
  rows.push(
    row({
      metric: 'growth: 20,000-chunk time / 5,000-chunk time',
      value: growth,
      unit: '×',
      target: { op: '<=', value: TARGET_GROWTH },
      note: `the SDK in Node grows ${baseGrowth.toFixed(2)}× (4× the chunks)`,
    }),
  );
  const [fixedSmall, fixedLarge] = whatIf;
  for (const size of whatIf) {
    const label = size.chunks.toLocaleString('en-US');
    rows.push(
      row({
        metric: `what-if, body re-chunked to 4 KB: ${label} chunks, command → panel`,
        value: med(size.flowbar, 'visibleMs'),
        unit: 'ms',
        baseline: { value: med(size.baseline, 'lastTokenMs'), label: 'SDK in Node' },
        note: `read in worker ${med(size.flowbar, 'readMs')?.toFixed(0)} ms, setup ${med(size.flowbar, 'setupMs')?.toFixed(0)} ms, worker → panel ${med(size.flowbar, 'deliverMs')?.toFixed(0)} ms`,
      }),
    );
  }
  rows.push(row({ metric: 'what-if growth: 20,000 / 5,000', value: med(fixedLarge.flowbar, 'visibleMs') / med(fixedSmall.flowbar, 'visibleMs'), unit: '×' }));
  const asIs = median(diagnosis.asIs.map((d) => d.ms));
  const rechunked = median(diagnosis.rechunked4k.map((d) => d.ms));
  // The floor of each size, from the runs interleaved with Flowbar's (measureSize).
  const linear = median(small.floor.map((d) => d.ms));
  rows.push(
    row({
      metric: 'diagnosis: SDK alone in the worker, 5,000 chunks',
      value: asIs,
      unit: 'ms',
      baseline: { value: med(small.baseline, 'lastTokenMs'), label: 'SDK in Node' },
      note: `largest network read ${Math.round(Math.max(...diagnosis.asIs.map((d) => d.maxReadBytes)) / 1024)} KB`,
    }),
  );
  rows.push(
    row({
      metric: 'what-if: same, body re-chunked to 4 KB',
      value: rechunked,
      unit: 'ms',
      baseline: { value: med(small.baseline, 'lastTokenMs'), label: 'SDK in Node' },
    }),
  );
  rows.push(
    row({
      metric: 'floor: fetch + linear SSE parse in the worker (interleaved)',
      value: linear,
      unit: 'ms',
      baseline: { value: med(small.baseline, 'lastTokenMs'), label: 'SDK in Node' },
    }),
  );
  const linear20k = median(large.floor.map((d) => d.ms));
  rows.push(row({ metric: 'floor at 20,000 chunks (interleaved)', value: linear20k, unit: 'ms' }));
  for (const [size, floor] of [
    [small, linear],
    [large, linear20k],
  ]) {
    const label = size.chunks.toLocaleString('en-US');
    rows.push(
      withLoad(size.load, {
        metric: `${label} chunks: command → panel ÷ the floor`,
        value: med(size.flowbar, 'visibleMs'),
        unit: 'ms',
        baseline: { value: floor, label: 'floor' },
        target: { op: '<=', value: TARGET_FLOOR_RATIO, on: 'ratio' },
      }),
    );
  }

  const details = {
    method:
      'Flowbar: worker timestamp before dispatching cmd/prompt/run (promptId summarize) → MutationObserver in the panel sees the last word inside a rendered .markdown. Baseline: openai SDK in a separate Node process, request → last content token. Floor: fetch + linear SSE parse in the worker, taken before each Flowbar run. Median of interleaved runs after warm-up; the local server runs in its own process.',
    sizes: sizes.map((s) => ({
      chunks: s.chunks,
      baseline: { lastTokenMs: summarize(s.baseline.map((b) => b.lastTokenMs)), runs: s.baseline },
      floor: { ms: summarize(s.floor.map((f) => f.ms)), runs: s.floor },
      flowbar: {
        visibleMs: summarize(s.flowbar.map((r) => r.visibleMs)),
        frameMs: summarize(s.flowbar.map((r) => r.frameMs)),
        setupMs: summarize(s.flowbar.map((r) => r.setupMs)),
        readMs: summarize(s.flowbar.map((r) => r.readMs)),
        deliverMs: summarize(s.flowbar.map((r) => r.deliverMs)),
        runs: s.flowbar,
      },
    })),
    diagnosis,
    whatIfRechunked4k: whatIf.map((s) => ({
      chunks: s.chunks,
      baseline: { lastTokenMs: summarize(s.baseline.map((b) => b.lastTokenMs)) },
      flowbar: { visibleMs: summarize(s.flowbar.map((r) => r.visibleMs)), readMs: summarize(s.flowbar.map((r) => r.readMs)), runs: s.flowbar },
    })),
  };
  return publish(name, title, rows, details);
}

if (isMain(import.meta.url)) await runStandalone({ name, title, budgetMs, run });
