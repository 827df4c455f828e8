import { z } from 'zod';
import type { Flow, FlowAction } from './flowTypes';
import { ACTION_NAME_PATTERN } from './flowShape';

export { ACTION_NAME_PATTERN, denormalizeFlow } from './flowShape';

// A flow as the editor (or an import file) hands it in: steps with their actions inline. It is
// checked here and split into the Flow and its FlowActions the store keeps.

const id = z.string().min(1).max(200);

const templateMessage = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string().max(200_000) });

export const flowActionInput = z.object({
  id: id.optional(),
  name: z.string().regex(ACTION_NAME_PATTERN, 'Action names start with a letter and use letters, digits, _ and -').max(60),
  promptId: id.nullable(),
  messages: z.array(templateMessage).max(50),
  providerId: id.nullable(),
  model: z.string().max(200),
  temperature: z.number().min(0).max(2).optional(),
  fileIds: z.array(id).max(20).default([]),
});

export const flowInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    steps: z
      .array(
        z.object({
          id: id.optional(),
          name: z.string().max(200).default(''),
          continueOnError: z.boolean().default(false),
          actions: z.array(flowActionInput).min(1, 'Every step needs at least one action').max(20),
        }),
      )
      .min(1, 'A flow needs at least one step')
      .max(50),
  })
  .superRefine((flow, ctx) => {
    const seen = new Set<string>();
    flow.steps.forEach((step, s) =>
      step.actions.forEach((action, a) => {
        if (seen.has(action.name))
          ctx.addIssue({
            code: 'custom',
            path: ['steps', s, 'actions', a, 'name'],
            message: `Two actions are named "${action.name}": {{outputs.${action.name}}} must say which`,
          });
        seen.add(action.name);
        if (action.promptId === null && action.messages.length === 0)
          ctx.addIssue({ code: 'custom', path: ['steps', s, 'actions', a, 'messages'], message: `Action "${action.name}" needs a prompt or messages` });
      }),
    );
  });

export type FlowInput = z.output<typeof flowInput>;

/** Splits an edited flow into what the store keeps, with new ids where there were none. */
export function normalizeFlow(input: FlowInput, newId: () => string, now: number, existing?: Flow): { flow: Flow; actions: FlowAction[] } {
  const actions: FlowAction[] = [];
  const flowId = input.id ?? newId();
  const steps = input.steps.map((step) => {
    const stepActions = step.actions.map(({ id: actionId, ...rest }) => ({ ...rest, id: actionId ?? newId() }));
    actions.push(...stepActions);
    return { id: step.id ?? newId(), name: step.name, continueOnError: step.continueOnError, actionIds: stepActions.map((a) => a.id) };
  });
  return {
    flow: {
      id: flowId,
      name: input.name,
      description: input.description,
      steps,
      builtIn: existing?.builtIn,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    },
    actions,
  };
}

export const FLOW_EXPORT_FORMAT = 'flowbar.flows';

export function exportFlows(flows: FlowInput[]): string {
  return JSON.stringify({ format: FLOW_EXPORT_FORMAT, version: 1, flows }, null, 2);
}

export function parseFlowImport(json: string): FlowInput[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('This file is not JSON.');
  }
  const parsed = z.object({ format: z.literal(FLOW_EXPORT_FORMAT), version: z.literal(1), flows: z.array(flowInput).max(1000) }).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`This is not a Flowbar flow export: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return parsed.data.flows;
}
