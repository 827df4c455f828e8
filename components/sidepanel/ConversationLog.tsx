import { selectActivePath } from '@/lib/execution';
import { useAppSelector } from '@/components/storeHooks';
import { ConversationMessageItem } from './ConversationMessageItem';

/**
 * The finished messages of the conversation as it reads (the active path of its versions). The list only changes when a message is added, so a streaming answer
 * (StreamingAnswer, outside the live region) never re-renders it.
 */
export function ConversationLog({ instanceId }: { instanceId: string }) {
  const messages = useAppSelector((state) => selectActivePath(state, instanceId));
  return (
    <div role="log" aria-live="polite" aria-label="Conversation" className="conversation">
      {messages.length > 0 && (
        <ol className="message-list">
          {messages.map((message, index) => (
            <ConversationMessageItem key={message.id} message={message} instanceId={instanceId} isLast={index === messages.length - 1} />
          ))}
        </ol>
      )}
    </div>
  );
}
