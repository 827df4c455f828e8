import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { PageTextInfo } from '../page/pageText';
import type { ConversationMessage, ExecutionInstance, InstanceError, MessageStats, PromptSettings, Resource } from '../types';
import { addMessage, deleteTurn, releaseChild, reserveChild, selectVersion, type ConversationTree } from './conversation/conversationTree';

/** Execution instances: one prompt run and the chat that follows it, keyed by instanceId. */
export interface PromptExecutionState {
  instances: Record<string, ExecutionInstance>;
  instancesByPromptId: Record<string, string[]>;
  instancesByRunId: Record<string, string>;
}

const initialState: PromptExecutionState = { instances: {}, instancesByPromptId: {}, instancesByRunId: {} };

function index(state: PromptExecutionState, instance: ExecutionInstance) {
  const ids = (state.instancesByPromptId[instance.promptId] ??= []);
  if (!ids.includes(instance.instanceId)) ids.push(instance.instanceId);
  if (instance.runId) state.instancesByRunId[instance.runId] = instance.instanceId;
}

function unindex(state: PromptExecutionState, instance: ExecutionInstance) {
  const ids = state.instancesByPromptId[instance.promptId]?.filter((id) => id !== instance.instanceId) ?? [];
  if (ids.length) state.instancesByPromptId[instance.promptId] = ids;
  else delete state.instancesByPromptId[instance.promptId];
  if (instance.runId) delete state.instancesByRunId[instance.runId];
}

/** Replaces the instance's message tree with `change` of it (the tree functions are pure). */
function changeTree(instance: ExecutionInstance, change: (tree: ConversationTree) => ConversationTree) {
  const next = change(instance.conversation);
  instance.conversation.messages = next.messages as ConversationMessage[];
  instance.conversation.selected = next.selected;
}

/** Runs `change` on the instance if it is in the store, and stamps its update time. */
/** The answer in flight is over (done, stopped or failed): its stats count towards the run's totals. */
function answerEnded(instance: ExecutionInstance, stats: MessageStats) {
  instance.execution.currentTaskId = null;
  delete instance.execution.answerId;
  delete instance.execution.answerParentId;
  instance.execution.messageStartTime = null;
  instance.execution.lastMessageStats = stats;
  instance.runTracking.totalTokens += stats.tokens ?? 0;
  instance.runTracking.totalCost += stats.cost ?? 0;
}

function withInstance<P extends { instanceId: string; at?: number }>(change: (instance: ExecutionInstance, payload: P) => void) {
  return (state: PromptExecutionState, action: PayloadAction<P>) => {
    const instance = state.instances[action.payload.instanceId];
    if (!instance) return;
    change(instance, action.payload);
    instance.updatedAt = action.payload.at ?? instance.updatedAt;
  };
}

export const promptExecutionSlice = createSlice({
  name: 'promptExecution',
  initialState,
  reducers: {
    instanceAdded(state, action: PayloadAction<ExecutionInstance>) {
      state.instances[action.payload.instanceId] = action.payload;
      index(state, action.payload);
    },
    instanceRemoved(state, action: PayloadAction<string>) {
      const instance = state.instances[action.payload];
      if (!instance) return;
      unindex(state, instance);
      delete state.instances[action.payload];
    },
    pageTextRead: withInstance<{ instanceId: string; info: PageTextInfo; at: number }>((instance, p) => {
      instance.pageText = p.info;
    }),
    userValueSet: withInstance<{ instanceId: string; name: string; value: string; at: number }>((instance, p) => {
      instance.variables.userValues[p.name] = p.value;
      // An explicit edit of a page value (the selection, say) replaces it for this instance.
      delete instance.variables.computedValues[p.name];
      if (instance.error?.kind === 'missing-variables') instance.error = null;
    }),
    scopedValuesRefreshed(state, action: PayloadAction<Record<string, string>>) {
      for (const instance of Object.values(state.instances)) instance.variables.scopedValues = action.payload;
    },
    resourceAdded: withInstance<{ instanceId: string; resource: Resource; at: number }>((instance, p) => {
      instance.conversation.resources.push(p.resource);
    }),
    resourceRemoved: withInstance<{ instanceId: string; resourceId: string; at: number }>((instance, p) => {
      instance.conversation.resources = instance.conversation.resources.filter((r) => r.id !== p.resourceId);
    }),
    /** The panel's model picker: the next message uses this provider (null: the default) and model (empty: its default). */
    instanceModelSet: withInstance<{ instanceId: string; providerId: PromptSettings['providerId']; model: string; at: number }>((instance, p) => {
      instance.settings.providerId = p.providerId;
      instance.settings.model = p.model;
      if (instance.error?.kind === 'no-provider') instance.error = null;
    }),
    instanceErrorSet: withInstance<{ instanceId: string; error: InstanceError | null; at: number }>((instance, p) => {
      instance.error = p.error;
    }),
    runLinked(state, action: PayloadAction<{ instanceId: string; runId: string }>) {
      const instance = state.instances[action.payload.instanceId];
      if (!instance) return;
      instance.runId = action.payload.runId;
      instance.runTracking.runId = action.payload.runId;
      state.instancesByRunId[action.payload.runId] = instance.instanceId;
    },
    /**
     * A message starts: the user's message (if any) joins the tree, and the answer's place is
     * reserved under `answerParentId`, so the path ends there while it streams (a retried answer's
     * earlier version is hidden meanwhile, not removed).
     */
    messageStarted: withInstance<{
      instanceId: string;
      taskId: string;
      at: number;
      userMessage?: ConversationMessage;
      answerId: string;
      answerParentId: string | null;
    }>((instance, p) => {
      if (p.userMessage) changeTree(instance, (tree) => addMessage(tree, p.userMessage!));
      changeTree(instance, (tree) => reserveChild(tree, p.answerParentId, p.answerId));
      instance.conversation.currentInput = '';
      instance.status = 'executing';
      instance.error = null;
      instance.execution.currentTaskId = p.taskId;
      instance.execution.answerId = p.answerId;
      instance.execution.answerParentId = p.answerParentId;
      instance.execution.messageStartTime = p.at;
      instance.execution.timeToFirstToken = undefined;
    }),
    firstTokenReceived: withInstance<{ instanceId: string; timeToFirstToken: number }>((instance, p) => {
      instance.status = 'streaming';
      instance.execution.timeToFirstToken = p.timeToFirstToken;
    }),
    /** The answer is in: stopped answers end here too, marked partial. */
    messageCompleted: withInstance<{ instanceId: string; message: ConversationMessage; stats: MessageStats; at: number }>((instance, p) => {
      changeTree(instance, (tree) => addMessage(tree, p.message));
      instance.status = 'completed';
      answerEnded(instance, p.stats);
    }),
    /** The call failed: what arrived before the failure is kept as a partial answer. */
    messageFailed: withInstance<{ instanceId: string; error: InstanceError; partial: ConversationMessage | null; stats: MessageStats; at: number }>(
      (instance, p) => {
        const { answerId, answerParentId = null } = instance.execution;
        if (p.partial) changeTree(instance, (tree) => addMessage(tree, p.partial!));
        else if (answerId) changeTree(instance, (tree) => releaseChild(tree, answerParentId, answerId));
        instance.status = 'error';
        instance.error = p.error;
        answerEnded(instance, p.stats);
      },
    ),
    /** ‹ n/m ›: the conversation continues from this version of its turn. */
    versionSelected: withInstance<{ instanceId: string; messageId: string; at: number }>((instance, p) => {
      changeTree(instance, (tree) => selectVersion(tree, p.messageId));
    }),
    /** A turn (a question and its answers) goes; what followed it follows the message before it. */
    turnDeleted: withInstance<{ instanceId: string; messageId: string; at: number }>((instance, p) => {
      changeTree(instance, (tree) => deleteTurn(tree, p.messageId));
    }),
  },
});

export const {
  instanceAdded,
  instanceModelSet,
  instanceRemoved,
  userValueSet,
  pageTextRead,
  scopedValuesRefreshed,
  resourceAdded,
  resourceRemoved,
  instanceErrorSet,
  runLinked,
  messageStarted,
  firstTokenReceived,
  messageCompleted,
  messageFailed,
  versionSelected,
  turnDeleted,
} = promptExecutionSlice.actions;
