import { memo } from 'react';
import type { ConversationMessage } from '@/lib/types';
import { AssistantMessage } from './conversation/AssistantMessage';
import { UserMessageBody } from './conversation/UserMessageBody';

/**
 * One message of the conversation: the user's as plain text, the model's as Markdown (while it
 * streams too: `streaming`), with its sources and how it ended under it.
 */
export const ConversationMessageItem = memo(function ConversationMessageItem({
  message,
  instanceId,
  isLast,
  streaming = false,
}: {
  message: ConversationMessage;
  instanceId: string;
  isLast: boolean;
  streaming?: boolean;
}) {
  if (message.role === 'assistant') return <AssistantMessage message={message} instanceId={instanceId} isLast={isLast} streaming={streaming} />;
  return (
    <li className={`message message-${message.role}`}>
      <span className="visually-hidden">{message.role === 'user' ? 'You: ' : 'System: '}</span>
      {message.role === 'user' ? <UserMessageBody instanceId={instanceId} message={message} /> : <div className="plain-text">{message.content}</div>}
    </li>
  );
});
