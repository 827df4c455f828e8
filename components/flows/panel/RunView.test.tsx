// @vitest-environment jsdom
// The run view against a real store (fake-indexeddb, the local fake LLM server), as the panel shows
// it: a save that failed, a flow edited since the run, and steps out of date after an upstream re-run.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { action, flow, step, useFlowEngines, type FlowEngine } from '@/tests/unit/helpers/flowTestEngine';
import { useFakeLlmServer, waitFor } from '@/tests/unit/helpers/testEngine';
import { RunView } from './RunView';

const server = useFakeLlmServer();
const engine = useFlowEngines(() => server().url);
afterEach(cleanup);

function show(e: FlowEngine, runId: string) {
  return render(
    <Provider store={e.pageStore() as never}>
      <RunView runId={runId} onBack={() => undefined} />
    </Provider>,
  );
}

async function completedRun(e: FlowEngine, flowId: string) {
  const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false });
  await waitFor(() => e.run(runId).status === 'completed', 'the run');
  return runId;
}

const stepSection = (n: number) => screen.getByRole('heading', { name: new RegExp(`^Step ${n}`) }).closest('section')!;

describe('RunView', () => {
  it('says when the run could not be saved (a failing Dexie write), and stops saying so once a save succeeds', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'slow-10-30', 'A')])]));
    let diskFull = true;
    e.db.flowRuns.hook('updating', () => {
      if (diskFull) throw new DOMException('The disk is full.', 'QuotaExceededError');
    });
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false });
    show(e, runId);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('Flowbar could not save this run: The disk is full.'));
    diskFull = false;
    await waitFor(() => e.run(runId).status === 'completed' && e.run(runId).saveError === undefined, 'a good save');
    await waitFor(() => screen.queryByText(/could not save this run/) === null, 'the message to go');
  });

  it('after an edit of the flow says so, and "New run with the current flow" starts one on the same inputs', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'echo', 'A {{topic}}')])]));
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false, values: { topic: 'tea' } });
    await waitFor(() => e.run(runId).status === 'completed', 'the run');
    show(e, runId);
    expect(screen.queryByRole('note', { name: 'The flow changed' })).toBeNull();

    await e.saveFlow(flow('f', [step([action('b', 'echo', 'B {{topic}}')])]));
    const note = await screen.findByRole('note', { name: 'The flow changed' });
    expect(note.textContent).toContain('The flow has changed since this run');
    // the old run's slot keeps its name
    expect(screen.getByRole('article', { name: 'a' })).toBeTruthy();

    const before = e.state().flowRuns.order.length;
    await userEvent.click(within(note).getByRole('button', { name: 'New run with the current flow' }));
    await waitFor(() => e.state().flowRuns.order.length === before + 1, 'the new run');
    const newRunId = e.state().flowRuns.order.at(-1)!;
    await waitFor(() => e.run(newRunId).status === 'completed', 'the new run to end');
    expect(e.run(newRunId).steps[0].actions[0]).toMatchObject({ name: 'b', output: 'You said: B tea' });
    expect(e.state().app.runFocus.runId).toBe(newRunId); // the panel shows it
  });

  it('marks the later step that read a re-run action "Out of date" (not Completed), and its one-click re-run brings it back', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'echo', 'A')]), step([action('c', 'echo-all', 'C={{outputs.a}}')])]));
    const runId = await completedRun(e, flowId);
    show(e, runId);
    expect(within(stepSection(2)).getAllByText('Completed')).toHaveLength(2); // the step and its action

    await userEvent.click(screen.getByRole('button', { name: 'Re-run a' }));
    await waitFor(() => e.run(runId).status === 'completed' && e.run(runId).steps[0].status === 'completed', 'the upstream re-run');
    const step2 = stepSection(2);
    await waitFor(() => within(step2).queryAllByText('Out of date').length === 2, 'step 2 and its action marked out of date');
    expect(within(step2).queryByText('Completed')).toBeNull();
    expect(within(stepSection(1)).getAllByText('Completed')).toHaveLength(2);
    expect(step2.textContent).toContain('this step used an earlier answer of a');

    await userEvent.click(within(step2).getByRole('button', { name: 'Re-run step 2 with the new answer' }));
    await waitFor(() => within(stepSection(2)).queryAllByText('Completed').length === 2, 'step 2 completed again');
    expect(within(stepSection(2)).queryByText('Out of date')).toBeNull();
  });
});
