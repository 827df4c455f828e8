// Plain data for reducer and selector tests.
import type { ConversationMessage, ExecutionInstance } from '../../../lib/types';

let counter = 0;

export function makeInstance(overrides: Partial<ExecutionInstance> = {}): ExecutionInstance {
  counter += 1;
  const instanceId = overrides.instanceId ?? `i-${counter}`;
  return {
    instanceId,
    promptId: 'p1',
    title: `Instance ${instanceId}`,
    runId: null,
    status: 'idle',
    error: null,
    createdAt: 1000 + counter,
    updatedAt: 1000 + counter,
    settings: { providerId: null, model: 'echo' },
    executionConfig: { auto_run: false, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: true },
    variables: { userValues: {}, scopedValues: {}, computedValues: {} },
    conversation: { messages: [], currentInput: '', resources: [] },
    execution: { currentTaskId: null, messageStartTime: null, timeToFirstToken: undefined, lastMessageStats: null },
    runTracking: { runId: null, sourceType: 'prompt', sourceId: 'p1', runName: null, totalTokens: 0, totalCost: 0 },
    ui: { showVariables: false },
    ...overrides,
  };
}

export function message(role: ConversationMessage['role'], content: string, extra: Partial<ConversationMessage> = {}): ConversationMessage {
  return { role, content, timestamp: '2025-01-01T00:00:00.000Z', ...extra };
}
