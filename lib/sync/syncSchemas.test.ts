import { describe, expect, it } from 'vitest';
import { EXAMPLE_FLOWS } from '../flows/exampleFlows';
import { normalizeFlow } from '../flows/flowInput';
import type { Flow, FlowAction } from '../flows/flowTypes';
import { BUILT_IN_PROMPTS } from '../setup/firstInstallDefaults';
import type { Prompt } from '../types';
import { flowBody, promptBody, pushRequest, syncRecord, type FlowBody, type PromptBody } from './syncSchemas';

// The wire format fits the extension's own records: what the store holds becomes a body the server
// accepts, and a body from the server becomes a record of the store's type (checked by tsc too).

const toPromptBody = ({ name, description, messages, settings, executionConfig }: Prompt): PromptBody => ({
  name,
  description,
  messages,
  settings,
  executionConfig,
});
const toFlowBody = (flow: Flow, actions: FlowAction[]): FlowBody => ({ name: flow.name, description: flow.description, steps: flow.steps, actions });
const fromPromptBody = (id: string, body: PromptBody, now: number): Prompt => ({ id, ...body, createdAt: now, updatedAt: now });

describe('sync schemas', () => {
  it("accept the extension's built-in prompts and example flows as bodies, and give them back unchanged", () => {
    for (const prompt of BUILT_IN_PROMPTS) {
      const body = promptBody.parse(JSON.parse(JSON.stringify(toPromptBody(prompt))));
      expect(fromPromptBody(prompt.id, body, prompt.createdAt)).toEqual({
        ...prompt,
        builtIn: undefined,
        updatedAt: prompt.createdAt,
        description: prompt.description,
      });
    }
    let n = 0;
    for (const input of EXAMPLE_FLOWS) {
      const { flow, actions } = normalizeFlow(input, () => `id-${n++}`, 1);
      expect(flowBody.parse(JSON.parse(JSON.stringify(toFlowBody(flow, actions))))).toEqual(JSON.parse(JSON.stringify(toFlowBody(flow, actions))));
    }
  });

  it('refuse unknown fields at every level, so a client cannot smuggle data the server would not check', () => {
    const body = toPromptBody(BUILT_IN_PROMPTS[0]);
    expect(promptBody.safeParse({ ...body, builtIn: true }).success).toBe(false);
    expect(promptBody.safeParse({ ...body, settings: { ...body.settings, apiKey: 'sk-x' } }).success).toBe(false);
    const change = { kind: 'prompt', id: 'p', projectId: null, baseVersion: 0, body };
    expect(pushRequest.safeParse({ changes: [change] }).success).toBe(true);
    expect(pushRequest.safeParse({ changes: [{ ...change, version: 3 }] }).success).toBe(false);
    expect(pushRequest.safeParse({ changes: [{ ...change, kind: 'provider' }] }).success).toBe(false);
    expect(
      syncRecord.safeParse({
        kind: 'variable',
        id: 'v',
        projectId: null,
        version: 1,
        updatedAt: 1,
        updatedBy: '5b0f6a52-3d1e-4a43-9a53-2f5e1c1c9a10',
        body: { name: 'x', value: 'y' },
      }).success,
    ).toBe(true);
  });
});
