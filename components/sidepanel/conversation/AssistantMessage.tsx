import { DeferredMarkdown } from '@/components/DeferredMarkdown';
import { useAppSelector } from '@/components/storeHooks';
import { selectCurrentStream } from '@/lib/execution';
import type { ConversationMessage } from '@/lib/types';
import { AnswerEndNotes } from '../AnswerEndNotes';
import { AnswerModelNote } from '../AnswerModelNote';
import { CitationList } from '../CitationList';
import { AnswerActions } from './AnswerActions';

const PARTIAL_LABEL = { stopped: 'Stopped', interrupted: 'Interrupted', error: 'Failed' } as const;

/**
 * An answer of the model, as it streams and once it is in. Both are this one element with its
 * parts in fixed places, so the finished answer keeps the DOM it streamed into: its blocks are not
 * parsed, sanitised or laid out again when it completes (bench/panelMainThread.mjs, "answer
 * completes"). While it streams it reads the stream itself; finished, it reads nothing that changes.
 */
export function AssistantMessage({
  message,
  instanceId,
  isLast,
  streaming,
}: {
  message: ConversationMessage;
  instanceId: string;
  isLast: boolean;
  streaming: boolean;
}) {
  // A finished answer selects null: a streaming update never re-renders it.
  const stream = useAppSelector((state) => (streaming ? (selectCurrentStream(state, instanceId) ?? null) : null));
  const live = streaming ? { text: stream?.text ?? '', reasoning: stream?.reasoning ?? '', notice: stream?.notice ?? null } : null;
  const text = live ? live.text : message.content;
  const reasoning = live ? live.reasoning : message.metadata?.reasoning;
  const partial = live ? undefined : message.metadata?.partial;
  const citations = live ? undefined : message.metadata?.citations;
  const waiting = Boolean(live) && !text;

  const className = `message message-assistant${partial ? ' message-partial' : ''}${live ? ' message-streaming' : ''}`;
  return (
    <li className={className} aria-busy={live ? true : undefined}>
      <span className="visually-hidden">Answer: </span>
      {live && (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" />
          {live.notice ?? (waiting ? (reasoning ? 'Thinking…' : 'Waiting for the first token…') : 'Answering…')}
        </p>
      )}
      {reasoning && (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <DeferredMarkdown text={reasoning} streaming={waiting} />
        </details>
      )}
      {(text || !live) && <DeferredMarkdown text={text} streaming={Boolean(live)} />}
      {!live && (
        <>
          {citations && citations.length > 0 && <CitationList urls={citations} />}
          <AnswerEndNotes instanceId={instanceId} metadata={message.metadata} isLast={isLast} />
          {partial && <p className={`partial-badge partial-${partial}`}>{PARTIAL_LABEL[partial]}</p>}
          <AnswerModelNote metadata={message.metadata} />
          <AnswerActions instanceId={instanceId} message={message} />
        </>
      )}
    </li>
  );
}
