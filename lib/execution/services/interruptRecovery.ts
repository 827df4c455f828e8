import type { ExecutionInstance, TaskRecord } from '../../types';

/** The message a user sees on an answer cut short by a stopped worker. */
export const INTERRUPTED_MESSAGE = 'The answer was interrupted: the browser stopped Flowbar’s background while it streamed. Retry, or continue the chat.';

export function isInFlight(instance: ExecutionInstance): boolean {
  return instance.status === 'executing' || instance.status === 'streaming';
}

/**
 * An instance found mid-answer when the worker starts was cut off: it keeps the answer saved so
 * far (from its task), marked interrupted, and ends in the error state so Retry and Continue work.
 */
export function recoverInterruptedInstance(instance: ExecutionInstance, task: TaskRecord | undefined, now: number): ExecutionInstance {
  if (!isInFlight(instance)) return instance;
  const partial = task?.output ?? '';
  const messages = partial
    ? [
        ...instance.conversation.messages,
        {
          role: 'assistant' as const,
          content: partial,
          taskId: task?.taskId,
          timestamp: new Date(task?.updatedAt ?? now).toISOString(),
          // the task row knows which model and provider wrote it, as a finished answer's metadata does
          metadata: { partial: 'interrupted' as const, ...(task ? { model: task.model, providerId: task.providerId } : {}) },
        },
      ]
    : instance.conversation.messages;
  return {
    ...instance,
    status: 'error',
    error: { kind: 'interrupted', message: INTERRUPTED_MESSAGE },
    updatedAt: now,
    conversation: { ...instance.conversation, messages },
    execution: { ...instance.execution, currentTaskId: null, messageStartTime: null },
  };
}
