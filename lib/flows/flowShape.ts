import type { FlowInput } from './flowInput';
import type { Flow, FlowAction } from './flowTypes';

// The parts of a flow's editable shape that pages need, kept free of zod (the checks are in flowInput.ts).

export const ACTION_NAME_PATTERN = /^[A-Za-z_][\w-]*$/;

/** The editor's (and the export's) view of a stored flow: actions inline. */
export function denormalizeFlow(flow: Flow, actionsById: Record<string, FlowAction>): FlowInput {
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    steps: flow.steps.map((step) => ({
      id: step.id,
      name: step.name,
      continueOnError: step.continueOnError,
      actions: step.actionIds.map((aid) => actionsById[aid]).filter((a) => a !== undefined),
    })),
  };
}
