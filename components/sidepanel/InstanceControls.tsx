import { useEffect, useState } from 'react';
import { useStore } from 'react-redux';
import { selectInstance, selectIsInstanceBusy } from '@/lib/execution';
import type { RootState } from '@/lib/store/rootReducer';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { lastAssistantMessage, selectHasAnswer } from './selectors';
import { useCommandAction } from './useCommandAction';

const COPIED_MS = 1500;

/** Stop, Retry, Copy, and Run for an instance that has not run yet. */
export function InstanceControls({ instanceId }: { instanceId: string }) {
  const send = useCommand();
  const store = useStore<RootState>();
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const status = useAppSelector((state) => selectInstance(state, instanceId)?.status);
  const instanceError = useAppSelector((state) => selectInstance(state, instanceId)?.error?.message ?? null);
  const hasError = instanceError !== null;
  const messageCount = useAppSelector((state) => selectInstance(state, instanceId)?.conversation.messages.length ?? 0);
  const hasAnswer = useAppSelector((state) => selectHasAnswer(state, instanceId));
  const action = useCommandAction();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () =>
    void action.run(async () => {
      const message = lastAssistantMessage(store.getState(), instanceId);
      if (!message) throw new Error('There is no answer to copy yet.');
      await navigator.clipboard.writeText(message.content);
      setCopied(true);
    });

  // Run and Retry are refused with the instance's own error, which its alert shows already.
  const commandError = action.error === instanceError ? null : action.error;
  const canRun = !busy && status === 'idle' && messageCount === 0;
  const canRetry = !busy && (hasAnswer || hasError);
  if (!busy && !canRun && !canRetry && !hasAnswer) return <InlineError message={commandError} onDismiss={action.clearError} />;

  return (
    <div className="controls">
      <div className="button-row">
        {canRun && (
          <button type="button" className="primary" disabled={action.pending} onClick={() => void action.run(() => send('cmd/instance/send', { instanceId }))}>
            Run
          </button>
        )}
        {busy && (
          <button type="button" className="danger" onClick={() => void action.run(() => send('cmd/instance/stop', { instanceId }))}>
            Stop
          </button>
        )}
        {canRetry && (
          <button type="button" disabled={action.pending} onClick={() => void action.run(() => send('cmd/instance/retry', { instanceId }))}>
            Retry
          </button>
        )}
        {hasAnswer && (
          <button type="button" onClick={copy}>
            Copy
          </button>
        )}
        <span role="status" className="copied">
          {copied ? 'Copied' : ''}
        </span>
      </div>
      <InlineError message={commandError} onDismiss={action.clearError} />
    </div>
  );
}
