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
    conversation: { messages: [], selected: {}, currentInput: '', resources: [] },
    execution: { currentTaskId: null, messageStartTime: null, timeToFirstToken: undefined, lastMessageStats: null },
    runTracking: { runId: null, sourceType: 'prompt', sourceId: 'p1', runName: null, totalTokens: 0, totalCost: 0 },
    ui: { showVariables: false },
    ...overrides,
  };
}

let messageCounter = 0;

/** A message with a fresh id, first in its conversation unless `extra.parentId` says otherwise. */
export function message(role: ConversationMessage['role'], content: string, extra: Partial<ConversationMessage> = {}): ConversationMessage {
  messageCounter += 1;
  return { id: `msg-${messageCounter}`, parentId: null, role, content, timestamp: '2025-01-01T00:00:00.000Z', ...extra };
}

/** Messages as one line of conversation: each follows the one before it. */
export function chain(...messages: ConversationMessage[]): ConversationMessage[] {
  return messages.map((m, i) => ({ ...m, parentId: i === 0 ? null : messages[i - 1].id }));
}

/** An instance's conversation holding these messages in one line. */
export function linearConversation(...messages: ConversationMessage[]): ExecutionInstance['conversation'] {
  return { messages: chain(...messages), selected: {}, currentInput: '', resources: [] };
}
