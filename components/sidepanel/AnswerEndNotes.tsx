import { selectInstance, selectIsInstanceBusy } from '@/lib/execution';
import { answerNotes, CONTINUE_MESSAGE, CUT_OFF_NOTE } from '@/lib/llm/answerNotes';
import type { ConversationMessage } from '@/lib/types';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';

/**
 * How an answer ended, when it was not a plain stop: cut off by the token limit (with Continue on
 * the last answer), a tool call the model tried, a content filter.
 */
export function AnswerEndNotes({ instanceId, metadata, isLast }: { instanceId: string; metadata: ConversationMessage['metadata']; isLast: boolean }) {
  const notes = answerNotes({ finishReason: metadata?.finishReason, toolCalls: metadata?.toolCalls });
  if (notes.length === 0) return null;
  return (
    <div className="answer-notes">
      {notes.map((note) => (
        <div key={note} className="answer-note" role="note">
          <span>{note}</span>
          {note === CUT_OFF_NOTE && isLast && <ContinueButton instanceId={instanceId} />}
        </div>
      ))}
    </div>
  );
}

/** Asks the model to go on from where the token limit cut it, through the ordinary send. */
function ContinueButton({ instanceId }: { instanceId: string }) {
  const send = useCommand();
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const allowChat = useAppSelector((state) => selectInstance(state, instanceId)?.executionConfig.allow_chat ?? true);
  const { run, pending, error, clearError } = useCommandAction();
  if (!allowChat) return null;
  return (
    <>
      <button type="button" disabled={busy || pending} onClick={() => void run(() => send('cmd/instance/send', { instanceId, text: CONTINUE_MESSAGE }))}>
        Continue
      </button>
      <InlineError message={error} onDismiss={clearError} />
    </>
  );
}
