import { completeActionRun, finishRun, startActionRun, startRun, startStepRun } from '../../../lib/flows/flowRunsSlice';

// The store actions of a flow run with one step of one action, for tests of what a running flow
// changes (keep-alive, work in flight): its start, its action starting, its action done and the run's end.

export const oneActionRun = {
  started: startRun({ runId: 'r', flowId: 'f', flowName: 'F', inputs: {}, steps: [{ stepId: 's', actions: [{ actionId: 'a', name: 'a' }] }], at: 1 }),
  acting: [startStepRun({ runId: 'r', stepIndex: 0, at: 2 }), startActionRun({ runId: 'r', stepIndex: 0, actionIndex: 0, model: 'm', at: 2 })],
  done: [
    completeActionRun({
      runId: 'r',
      stepIndex: 0,
      actionIndex: 0,
      output: 'x',
      duration: 1,
      timeToFirstToken: 1,
      promptTokens: 1,
      completionTokens: 1,
      cost: null,
    }),
    finishRun({ runId: 'r', status: 'completed', at: 3 }),
  ],
};
