import { useState } from 'react';
import { markdownPlainText } from '@/lib/markdown/plainText';
import type { ConversationMessage } from '@/lib/types';

interface Announced {
  messages: readonly ConversationMessage[];
  /** every message id this conversation has shown since it mounted */
  seen: ReadonlySet<string>;
  /** the answer last announced: its id (a new answer with the same words is said again) and text */
  id: string;
  text: string;
}

/**
 * The conversation's only live region: it says each answer once, when it has finished (a new
 * message on the conversation's path), as plain text. Never the streamed updates (the streaming
 * answer is outside it), never the messages already there when the conversation opened (a long
 * one from the history is not read out), never a message rendering its Markdown later as it
 * scrolls near (components/DeferredMarkdown.tsx), and not an earlier version switched back to.
 */
export function AnswerAnnouncer({ messages }: { messages: readonly ConversationMessage[] }) {
  const [announced, setAnnounced] = useState<Announced>(() => ({ messages, seen: new Set(messages.map((m) => m.id)), id: '', text: '' }));
  if (announced.messages !== messages) {
    // Adjusting state to new props while rendering (React re-renders at once, before committing).
    const fresh = messages.filter((m) => !announced.seen.has(m.id));
    const answer = fresh.findLast((m) => m.role === 'assistant');
    setAnnounced({
      messages,
      seen: fresh.length ? new Set([...announced.seen, ...fresh.map((m) => m.id)]) : announced.seen,
      id: answer ? answer.id : announced.id,
      text: answer ? markdownPlainText(answer.content) : announced.text,
    });
  }
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announced.text && <p key={announced.id}>{announced.text}</p>}
    </div>
  );
}
