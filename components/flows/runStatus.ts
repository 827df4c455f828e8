import type { ActionRunStatus, FlowRunStatus, StepRunStatus } from '@/lib/flows/flowTypes';

/** What run, step and action statuses are called in the run view and the runs history. */
export const RUN_STATUS_LABEL: Record<FlowRunStatus | StepRunStatus | ActionRunStatus, string> = {
  pending: 'Waiting',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  canceled: 'Canceled',
  interrupted: 'Interrupted',
};

/** What a completed action (or step) is called once an answer it read was produced again. */
export const OUT_OF_DATE_LABEL = 'Out of date';
