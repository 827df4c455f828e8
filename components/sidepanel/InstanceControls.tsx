import { useEffect, useState } from 'react';
import { useStore } from 'react-redux';
import { selectInstance, selectIsInstanceBusy, selectMissingVariables } from '@/lib/execution';
import type { RootState } from '@/lib/store/rootReducer';
import { shallowEqual } from 'react-redux';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { lastAssistantMessage, selectHasAnswer } from './selectors';
import { useCommandAction } from './useCommandAction';
import { focusVariableField } from './VariableField';

const COPIED_MS = 1500;

/**
 * Retry, Copy, and Run for an instance that has not run yet (Stop is in the message box). Run is
 * off while a required variable is empty: the missing ones are named beside it, and pressing it
 * takes the focus to the first.
 */
export function InstanceControls({ instanceId }: { instanceId: string }) {
  const send = useCommand();
  const store = useStore<RootState>();
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const status = useAppSelector((state) => selectInstance(state, instanceId)?.status);
  const instanceError = useAppSelector((state) => selectInstance(state, instanceId)?.error?.message ?? null);
  const hasError = instanceError !== null;
  const messageCount = useAppSelector((state) => selectInstance(state, instanceId)?.conversation.messages.length ?? 0);
  const hasAnswer = useAppSelector((state) => selectHasAnswer(state, instanceId));
  const missing = useAppSelector((state) => selectMissingVariables(state, instanceId), shallowEqual);
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
          // aria-disabled, not disabled: it stays focusable, and pressing it shows where to type.
          <button
            type="button"
            className="primary"
            aria-disabled={missing.length > 0 || action.pending}
            aria-describedby={missing.length > 0 ? `${instanceId}-run-missing` : undefined}
            onClick={() => {
              if (missing.length > 0) focusVariableField(instanceId, missing[0]);
              else if (!action.pending) void action.run(() => send('cmd/instance/send', { instanceId }));
            }}
          >
            Run
          </button>
        )}
        {canRun && missing.length > 0 && (
          <span id={`${instanceId}-run-missing`} className="run-missing">
            Fill in {missing.join(', ')} first
          </span>
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
