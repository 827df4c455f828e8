import { createAsyncThunk } from '@reduxjs/toolkit';
import { estimateCost } from '../../llm/costEstimator';
import { answerMetadata } from '../../streaming/answerMetadata';
import { streamRemoved } from '../../streaming/streamingSlice';
import type { ThunkConfig } from '../../store/thunkConfig';
import type { ConversationMessage, InstanceError, MessageStats, TaskStatus } from '../../types';
import { activePath } from '../conversation/conversationTree';
import { messageCompleted, messageFailed } from '../executionSlice';
import { selectInstance } from '../selectors/instanceSelectors';
import { addToRunTotals, finishTask, saveInstance } from '../services/runPersistence';

export type CompletionOutcome = 'completed' | 'stopped' | 'error';

interface CompleteExecutionArgs {
  instanceId: string;
  outcome?: CompletionOutcome;
  error?: InstanceError;
}

const TASK_STATUS: Record<CompletionOutcome, TaskStatus> = { completed: 'completed', stopped: 'stopped', error: 'error' };

/**
 * Finalises the current message: computes its stats, moves the streamed answer into the
 * conversation (a stopped or failed one too, marked partial), and saves instance, task and run.
 * Resolves once everything is in the database.
 */
export const completeExecution = createAsyncThunk<CompletionOutcome, CompleteExecutionArgs, ThunkConfig>(
  'promptExecution/completeExecution',
  async ({ instanceId, outcome = 'completed', error }, { dispatch, getState, extra }) => {
    const state = getState();
    const instance = selectInstance(state, instanceId);
    const taskId = instance?.execution.currentTaskId;
    const stream = taskId ? state.streaming.byTaskId[taskId] : undefined;
    if (!instance || !taskId || !stream) throw new Error('There is no answer in progress to complete.');

    const now = extra.now();
    const { promptTokens, completionTokens } = stream.usage ?? {};
    const tokens = promptTokens !== undefined || completionTokens !== undefined ? (promptTokens ?? 0) + (completionTokens ?? 0) : undefined;
    const stats: MessageStats = {
      timeToFirstToken: stream.firstTokenAt !== null ? stream.firstTokenAt - stream.startedAt : undefined,
      totalTime: now - stream.startedAt,
      promptTokens,
      completionTokens,
      tokens,
      cost: estimateCost(state.prices.table, stream.model, promptTokens, completionTokens),
      model: stream.model,
      providerId: stream.providerId,
    };
    const partial = outcome === 'completed' ? undefined : outcome;
    const message: ConversationMessage = {
      // The place messageStarted reserved for it (beside a retried answer's earlier versions).
      id: instance.execution.answerId ?? extra.newId(),
      parentId: instance.execution.answerParentId ?? activePath(instance.conversation).at(-1)?.id ?? null,
      role: 'assistant',
      content: stream.text,
      taskId,
      timestamp: new Date(now).toISOString(),
      metadata: answerMetadata(stream, partial),
    };

    if (outcome === 'error') {
      const failure = error ?? { kind: 'unknown' as const, message: 'The answer failed.' };
      dispatch(messageFailed({ instanceId, error: failure, partial: stream.text ? message : null, stats, at: now }));
    } else {
      dispatch(messageCompleted({ instanceId, message, stats, at: now }));
    }
    dispatch(streamRemoved(taskId));

    const saved = selectInstance(getState(), instanceId);
    await Promise.all([
      saved && saveInstance(extra.db, saved),
      finishTask(extra.db, taskId, {
        status: TASK_STATUS[outcome],
        error: outcome === 'error' ? (error?.message ?? 'failed') : null,
        output: stream.text,
        promptTokens,
        completionTokens,
        cost: stats.cost,
        timeToFirstToken: stats.timeToFirstToken,
        duration: stats.totalTime,
        updatedAt: now,
      }),
      instance.runId && addToRunTotals(extra.db, instance.runId, tokens ?? 0, stats.cost ?? 0, now),
    ]);
    return outcome;
  },
);
