import { useState } from 'react';
import { useCommand } from '@/components/storeHooks';
import { InlineError } from '../InlineError';
import { useCommandAction } from '../useCommandAction';

/** Deletes the turn (the question and every version of its answer), after a second click to confirm. */
export function DeleteTurnButton({ instanceId, messageId, disabled }: { instanceId: string; messageId: string; disabled: boolean }) {
  const send = useCommand();
  const action = useCommandAction();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="small-button" disabled={disabled} onClick={() => setConfirming(true)}>
        Delete<span className="visually-hidden"> this turn</span>
      </button>
    );
  }
  return (
    <span className="confirm-delete" role="group" aria-label="Delete this turn?">
      <span>Delete this question and its answers?</span>
      <button
        type="button"
        className="small-button danger"
        disabled={disabled || action.pending}
        onClick={() => void action.run(() => send('cmd/instance/deleteTurn', { instanceId, messageId }))}
      >
        Yes, delete
      </button>
      <button type="button" className="small-button" onClick={() => setConfirming(false)}>
        Keep
      </button>
      <InlineError message={action.error} onDismiss={action.clearError} />
    </span>
  );
}
