import { useEffect, useRef, useState } from 'react';
import { selectActivePath } from '@/lib/execution';
import { NearViewportContext, NearViewportObserver, scrollContainerOf } from '@/components/nearViewport';
import { useAppSelector } from '@/components/storeHooks';
import { AnswerAnnouncer } from './AnswerAnnouncer';
import { ConversationMessageItem } from './ConversationMessageItem';

/** The last messages render at once (the panel opens scrolled to the end, and a new answer must not flash as text). */
const EAGER_TAIL = 6;
/** How far outside the visible part a message is rendered ahead of being scrolled to. */
const NEAR_MARGIN = '1200px 0px';

/**
 * The finished messages of the conversation as it reads (the active path of its versions). The list only changes when a message is added, so a streaming answer
 * (StreamingAnswer, outside the live region) never re-renders it. In a long conversation the
 * messages before the last few render their Markdown only when they come near the viewport.
 */
export function ConversationLog({ instanceId }: { instanceId: string }) {
  const messages = useAppSelector((state) => selectActivePath(state, instanceId));
  const log = useRef<HTMLDivElement>(null);
  const [nearViewport] = useState(() => new NearViewportObserver(NEAR_MARGIN));

  useEffect(() => {
    if (!log.current) return;
    nearViewport.attach(scrollContainerOf(log.current));
    return () => nearViewport.detach();
  }, [nearViewport]);

  const count = messages.length;
  return (
    // A log to assistive technology, but not a live one: rendering an old message's Markdown as it
    // scrolls near, or a version switch, would be read out as new. AnswerAnnouncer says each new answer once.
    <>
      <div ref={log} role="log" aria-live="off" aria-label="Conversation" className="conversation">
        {count > 0 && (
          <ol className="message-list">
            {messages.map((message, index) => (
              <NearViewportContext.Provider key={message.id} value={index < count - EAGER_TAIL ? nearViewport : null}>
                <ConversationMessageItem message={message} instanceId={instanceId} isLast={index === count - 1} />
              </NearViewportContext.Provider>
            ))}
          </ol>
        )}
      </div>
      <AnswerAnnouncer messages={messages} />
    </>
  );
}
