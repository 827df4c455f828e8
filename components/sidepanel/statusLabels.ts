import type { ConversationMessage, InstanceStatus } from '@/lib/types';

/** What each instance status is called in the tabs, the history and for screen readers. */
export const STATUS_LABEL: Record<InstanceStatus, string> = {
  idle: 'Not run yet',
  executing: 'Waiting for the answer',
  streaming: 'Answering',
  completed: 'Done',
  error: 'Failed',
};

/**
 * A run's status as the user tells runs apart: the engine's status, refined by what it does not say
 * (a completed answer the user stopped, a request waiting in the provider's queue).
 */
export type RunStatus = 'idle' | 'queued' | 'waiting' | 'streaming' | 'done' | 'stopped' | 'failed';

export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  idle: 'Not run yet',
  queued: 'Queued',
  waiting: 'Waiting',
  streaming: 'Streaming',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
};

export interface RunStatusInput {
  status: InstanceStatus;
  /** the last answer's `metadata.partial`, if it ended early */
  lastPartial?: NonNullable<ConversationMessage['metadata']>['partial'] | null;
  /** the request waits in the provider's queue */
  queued?: boolean;
}

export function runStatus({ status, lastPartial, queued }: RunStatusInput): RunStatus {
  switch (status) {
    case 'idle':
      return 'idle';
    case 'executing':
      return queued ? 'queued' : 'waiting';
    case 'streaming':
      return 'streaming';
    case 'error':
      return 'failed';
    case 'completed':
      return lastPartial === 'stopped' ? 'stopped' : lastPartial ? 'failed' : 'done';
  }
}

/** A run that will not change unless the user asks again: what "Close all finished" closes. */
export const isFinished = (status: RunStatus) => status === 'done' || status === 'stopped' || status === 'failed';

/** The last assistant message's partial mark, or null. */
export function lastPartialOf(messages: readonly ConversationMessage[]): RunStatusInput['lastPartial'] {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'assistant') return messages[i].metadata?.partial ?? null;
  return null;
}
