import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { selectInstance, selectIsInstanceBusy } from '@/lib/execution';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { selectHasAnswer } from './selectors';
import { useCommandAction } from './useCommandAction';

/** Unsent messages per instance, kept while the user looks at another tab. */
const drafts = new Map<string, string>();

/**
 * The message box at the foot of the panel: Enter sends, Shift+Enter adds a line. While an answer
 * streams, Send becomes Stop, so Stop stays in view however far up the user reads.
 */
export function ChatBox({ instanceId }: { instanceId: string }) {
  const send = useCommand();
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const allowChat = useAppSelector((state) => selectInstance(state, instanceId)?.executionConfig.allow_chat ?? true);
  const hasAnswer = useAppSelector((state) => selectHasAnswer(state, instanceId));
  const [text, setTextState] = useState(() => drafts.get(instanceId) ?? '');
  const { run, pending, error, clearError } = useCommandAction();
  // A refusal the instance shows already (its error alert) is not repeated here.
  const instanceError = useAppSelector((state) => selectInstance(state, instanceId)?.error?.message ?? null);
  const box = useRef<HTMLTextAreaElement>(null);
  const stopAction = useCommandAction();

  const setText = (next: string) => {
    setTextState(next);
    if (next) drafts.set(instanceId, next);
    else drafts.delete(instanceId);
  };

  const stop = (
    <button key="stop" type="button" className="danger" onClick={() => void stopAction.run(() => send('cmd/instance/stop', { instanceId }))}>
      Stop
    </button>
  );

  if (!allowChat && hasAnswer) {
    return busy ? (
      <div className="chat-box">
        <InlineError message={stopAction.error} onDismiss={stopAction.clearError} />
        <div className="chat-row chat-row-stop">
          <p className="chat-off-note muted">Chat is off for this prompt</p>
          {stop}
        </div>
      </div>
    ) : (
      <p className="chat-off muted">Chat is off for this prompt</p>
    );
  }

  const disabled = busy || pending;
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (!message || disabled) return;
    // The text stays in the box until the engine accepted the message: a refusal loses nothing.
    const result = await run(() => send('cmd/instance/send', { instanceId, text: message }));
    if (result) setText('');
    box.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="chat-box" onSubmit={(e) => void submit(e)}>
      <InlineError message={error === instanceError ? null : error} onDismiss={clearError} />
      <InlineError message={stopAction.error} onDismiss={stopAction.clearError} />
      <div className="chat-row">
        <textarea
          ref={box}
          aria-label="Message"
          placeholder={busy ? 'Type your next message…' : hasAnswer ? 'Ask a follow-up…' : 'Add a message (optional)…'}
          rows={2}
          value={text}
          disabled={pending}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {busy ? (
          stop
        ) : (
          <button key="send" type="submit" className="primary" disabled={disabled || !text.trim()}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
