import { selectInstance } from '@/lib/execution';
import { useAppSelector } from '@/components/storeHooks';
import { ConversationMessageItem } from './ConversationMessageItem';

/**
 * The finished messages. The list only changes when a message is added, so a streaming answer
 * (StreamingAnswer, outside the live region) never re-renders it.
 */
export function ConversationLog({ instanceId }: { instanceId: string }) {
  const messages = useAppSelector((state) => selectInstance(state, instanceId)?.conversation.messages);
  return (
    <div role="log" aria-live="polite" aria-label="Conversation" className="conversation">
      {messages && messages.length > 0 && (
        <ol className="message-list">
          {messages.map((message, index) => (
            <ConversationMessageItem key={`${index}-${message.timestamp}`} message={message} instanceId={instanceId} isLast={index === messages.length - 1} />
          ))}
        </ol>
      )}
    </div>
  );
}
