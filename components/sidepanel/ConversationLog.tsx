import { useEffect, useMemo, useRef, useState } from 'react';
import { selectActivePath, selectStreamingAnswerId } from '@/lib/execution';
import type { ConversationMessage } from '@/lib/types';
import { afterNextPaint } from '@/components/afterNextPaint';
import { NearViewportContext, NearViewportObserver, scrollContainerOf } from '@/components/nearViewport';
import { useAppSelector } from '@/components/storeHooks';
import { AnswerAnnouncer } from './AnswerAnnouncer';
import { ConversationMessageItem } from './ConversationMessageItem';

/** The last messages render at once (the panel opens scrolled to the end, and a new answer must not flash as text). */
const EAGER_TAIL = 6;
/** How far outside the visible part a message is rendered ahead of being scrolled to. */
const NEAR_MARGIN = '1200px 0px';

/**
 * The conversation as it reads (the active path of its versions), and the answer streaming into
 * it. The list only changes when a message is added or an answer starts, so a streaming update
 * re-renders the streaming answer alone (conversation/AssistantMessage.tsx). That answer is in the
 * list under the id its finished message will have, so the finished message takes over its element
 * and DOM. In a long conversation the messages before the last few render their Markdown only when
 * they come near the viewport.
 */
export function ConversationLog({ instanceId }: { instanceId: string }) {
  const messages = useAppSelector((state) => selectActivePath(state, instanceId));
  const answerId = useAppSelector((state) => selectStreamingAnswerId(state, instanceId));
  const streamingAnswer = useMemo<ConversationMessage | null>(
    // Only its id and role are read: AssistantMessage shows the stream until the finished message replaces it.
    () => (answerId ? { id: answerId, parentId: null, role: 'assistant', content: '', timestamp: '' } : null),
    [answerId],
  );
  const log = useRef<HTMLDivElement>(null);
  const [nearViewport] = useState(() => new NearViewportObserver(NEAR_MARGIN));

  useEffect(() => {
    const element = log.current;
    if (!element) return;
    // After the next paint: finding the scroll container reads computed styles, which right after
    // a mount restyled the whole new conversation inside React's commit (bench/concurrency.mjs).
    // Messages that asked meanwhile wait for it (nearViewport.ts).
    const cancel = afterNextPaint(() => nearViewport.attach(scrollContainerOf(element)));
    return () => {
      cancel();
      nearViewport.detach();
    };
  }, [nearViewport]);

  const count = messages.length;
  const shown = streamingAnswer && !messages.some((m) => m.id === streamingAnswer.id) ? [...messages, streamingAnswer] : messages;
  return (
    // A log to assistive technology, but not a live one: rendering an old message's Markdown as it
    // scrolls near, or a version switch, would be read out as new. AnswerAnnouncer says each new answer once.
    <>
      <div ref={log} role="log" aria-live="off" aria-label="Conversation" className="conversation">
        {shown.length > 0 && (
          <ol className="message-list">
            {/* The last message is the last finished one: a streaming answer does not re-render the one before it. */}
            {shown.map((message, index) => (
              <NearViewportContext.Provider key={message.id} value={index < count - EAGER_TAIL ? nearViewport : null}>
                <ConversationMessageItem message={message} instanceId={instanceId} isLast={index >= count - 1} streaming={message === streamingAnswer} />
              </NearViewportContext.Provider>
            ))}
          </ol>
        )}
      </div>
      <AnswerAnnouncer messages={messages} />
    </>
  );
}
