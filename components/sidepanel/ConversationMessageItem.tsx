import { memo } from 'react';
import { DeferredMarkdown } from '@/components/DeferredMarkdown';
import type { ConversationMessage } from '@/lib/types';
import { AnswerEndNotes } from './AnswerEndNotes';
import { AnswerModelNote } from './AnswerModelNote';
import { CitationList } from './CitationList';
import { AnswerActions } from './conversation/AnswerActions';
import { UserMessageBody } from './conversation/UserMessageBody';

const PARTIAL_LABEL = { stopped: 'Stopped', interrupted: 'Interrupted', error: 'Failed' } as const;

/**
 * One message of the conversation: the user's as plain text, the model's as Markdown, with its
 * sources and how it ended (cut off, a tool call) under it.
 */
export const ConversationMessageItem = memo(function ConversationMessageItem({
  message,
  instanceId,
  isLast,
}: {
  message: ConversationMessage;
  instanceId: string;
  isLast: boolean;
}) {
  const partial = message.metadata?.partial;
  const reasoning = message.metadata?.reasoning;
  const citations = message.metadata?.citations;
  if (message.role === 'assistant') {
    return (
      <li className={partial ? 'message message-assistant message-partial' : 'message message-assistant'}>
        <span className="visually-hidden">Answer: </span>
        {reasoning && (
          <details className="reasoning">
            <summary>Reasoning</summary>
            <DeferredMarkdown text={reasoning} />
          </details>
        )}
        <DeferredMarkdown text={message.content} />
        {citations && citations.length > 0 && <CitationList urls={citations} />}
        <AnswerEndNotes instanceId={instanceId} metadata={message.metadata} isLast={isLast} />
        {partial && <p className={`partial-badge partial-${partial}`}>{PARTIAL_LABEL[partial]}</p>}
        <AnswerModelNote metadata={message.metadata} />
        <AnswerActions instanceId={instanceId} message={message} />
      </li>
    );
  }
  return (
    <li className={`message message-${message.role}`}>
      <span className="visually-hidden">{message.role === 'user' ? 'You: ' : 'System: '}</span>
      {message.role === 'user' ? <UserMessageBody instanceId={instanceId} message={message} /> : <div className="plain-text">{message.content}</div>}
    </li>
  );
});
