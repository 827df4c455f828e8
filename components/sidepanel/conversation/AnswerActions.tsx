import { selectIsInstanceBusy } from '@/lib/execution';
import './conversation.css';
import type { ConversationMessage } from '@/lib/types';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from '../InlineError';
import { useCommandAction } from '../useCommandAction';
import { CopyButton } from './CopyButton';
import { DeleteTurnButton } from './DeleteTurnButton';
import { VersionSwitcher } from './VersionSwitcher';

/** Under each answer: its versions ‹ n/m ›, Copy, Retry (a new version of this answer) and Delete. */
export function AnswerActions({ instanceId, message }: { instanceId: string; message: ConversationMessage }) {
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const send = useCommand();
  const retry = useCommandAction();
  return (
    <div className="message-actions">
      <VersionSwitcher instanceId={instanceId} messageId={message.id} kind="answer" />
      <CopyButton text={message.content} what="this answer" />
      <button
        type="button"
        className="small-button"
        disabled={busy || retry.pending}
        onClick={() => void retry.run(() => send('cmd/instance/retry', { instanceId, messageId: message.id }))}
      >
        Retry<span className="visually-hidden"> this answer</span>
      </button>
      <DeleteTurnButton instanceId={instanceId} messageId={message.id} disabled={busy} />
      <InlineError message={retry.error} onDismiss={retry.clearError} />
    </div>
  );
}
