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

/** Past this, an answer is announced by its beginning (minutes of speech) and a note that it goes on. */
export const MAX_ANNOUNCED_CHARS = 10_000;
export const ANSWER_GOES_ON = 'The answer goes on in the conversation.';

/** What is said of a finished answer: its text without Markdown marks, its beginning for a very long one (cut at a paragraph). */
function announcementOf(markdown: string): string {
  if (markdown.length <= MAX_ANNOUNCED_CHARS) return markdownPlainText(markdown);
  const paragraphEnd = markdown.lastIndexOf('\n\n', MAX_ANNOUNCED_CHARS);
  const beginning = markdown.slice(0, paragraphEnd > MAX_ANNOUNCED_CHARS / 2 ? paragraphEnd : MAX_ANNOUNCED_CHARS);
  // Lexing all of a 190,000-character answer took ~20 ms of the task that shows it finished.
  return `${markdownPlainText(beginning)}\n${ANSWER_GOES_ON}`;
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
      text: answer ? announcementOf(answer.content) : announced.text,
    });
  }
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announced.text && <p key={announced.id}>{announced.text}</p>}
    </div>
  );
}
