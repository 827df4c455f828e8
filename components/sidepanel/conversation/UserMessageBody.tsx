import { useState, type FormEvent } from 'react';
import './conversation.css';
import { selectIsInstanceBusy } from '@/lib/execution';
import type { ConversationMessage } from '@/lib/types';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { formatChars } from '../format';
import { InlineError } from '../InlineError';
import { useCommandAction } from '../useCommandAction';
import { CopyButton } from './CopyButton';
import { previewOf } from './longText';
import { DeleteTurnButton } from './DeleteTurnButton';
import { VersionSwitcher } from './VersionSwitcher';

/**
 * A message the user sent: its text (a long one by its beginning, with Show all) with Copy, Edit
 * and Delete, and ‹ n/m › when it was edited.
 * Edit sends the changed text again as a new branch; the old one stays a version away.
 */
export function UserMessageBody({ instanceId, message }: { instanceId: string; message: ConversationMessage }) {
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const send = useCommand();
  const action = useCommandAction();
  const [draft, setDraft] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    void action.run(async () => {
      await send('cmd/instance/edit', { instanceId, messageId: message.id, text: draft });
      setDraft(null);
    });
  };

  if (draft !== null) {
    return (
      <form className="edit-message" aria-label="Edit message" onSubmit={submit}>
        <textarea
          aria-label="Edited message"
          value={draft}
          rows={Math.min(10, Math.max(2, draft.split('\n').length))}
          onChange={(event) => setDraft(event.target.value)}
          autoFocus
        />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy || action.pending || !draft.trim()}>
            Send edited
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </div>
        <InlineError message={action.error} onDismiss={action.clearError} />
      </form>
    );
  }
  const preview = previewOf(message.content);
  const long = preview !== message.content;
  return (
    <>
      <div className="plain-text">{long && !expanded ? `${preview}…` : message.content}</div>
      {long && (
        <button type="button" className="link-button show-all" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : `Show all (${formatChars(message.content.length)})`}
        </button>
      )}
      <div className="message-actions">
        <VersionSwitcher instanceId={instanceId} messageId={message.id} kind="message" />
        <CopyButton text={message.content} what="this message" />
        <button type="button" className="small-button" disabled={busy} onClick={() => setDraft(message.content)}>
          Edit<span className="visually-hidden"> this message</span>
        </button>
        <DeleteTurnButton instanceId={instanceId} messageId={message.id} disabled={busy} />
      </div>
    </>
  );
}
