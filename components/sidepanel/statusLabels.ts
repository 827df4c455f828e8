import type { InstanceStatus } from '@/lib/types';

/** What each instance status is called in the tabs, the history and for screen readers. */
export const STATUS_LABEL: Record<InstanceStatus, string> = {
  idle: 'Not run yet',
  executing: 'Waiting for the answer',
  streaming: 'Answering',
  completed: 'Done',
  error: 'Failed',
};
