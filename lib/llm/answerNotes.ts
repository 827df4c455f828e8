// What the user should be told about how an answer ended, beyond its text: one wording for the
// panel and the flow run's log.

import { isNotableFinish } from './finishReason';

export const CUT_OFF_NOTE = 'Cut off by the token limit.';

export function answerNotes({ finishReason, toolCalls }: { finishReason?: string | null; toolCalls?: readonly string[] }): string[] {
  const notes: string[] = [];
  if (finishReason === 'length') notes.push(CUT_OFF_NOTE);
  else if (finishReason === 'content_filter') notes.push('The provider stopped the answer (content filter).');
  else if (isNotableFinish(finishReason) && finishReason !== 'tool_calls' && finishReason !== 'function_call')
    notes.push(`The model stopped early (finish reason "${finishReason}").`);
  if (toolCalls && toolCalls.length > 0) {
    const names = [...new Set(toolCalls)].join(', ');
    notes.push(`The model tried to call a tool (${names}). Flowbar offers no tools, so none ran.`);
  } else if (finishReason === 'tool_calls' || finishReason === 'function_call') {
    notes.push('The model tried to call a tool. Flowbar offers no tools, so none ran.');
  }
  return notes;
}

/** What Continue sends after an answer cut off by the token limit. */
export const CONTINUE_MESSAGE = 'Continue exactly where you stopped.';
