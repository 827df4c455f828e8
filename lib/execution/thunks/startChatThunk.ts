import { createAsyncThunk } from '@reduxjs/toolkit';
import { CHAT_PROMPT_ID } from '../../prompts/chatPrompt';
import type { ThunkConfig } from '../../store/thunkConfig';
import type { PageContext, Resource } from '../../types';
import { startPromptInstance } from './startInstanceThunk';

export interface StartChatArgs {
  /** optional; blank = none */
  systemPrompt?: string;
  /** a chat started on a selection: the selection is attached (a `selection` resource), nothing is sent yet */
  page?: Partial<Pick<PageContext, 'selection' | 'title' | 'url'>>;
}

/** The resource a chat started on a selection carries: what the user selected, where. */
export function selectionResource(id: string, page: NonNullable<StartChatArgs['page']>): Resource | null {
  const text = page.selection ?? '';
  if (!text.trim()) return null;
  return { id, kind: 'selection', title: `Selection: ${page.title?.trim() || page.url || 'a page'}`, source: page.url ?? '', text, size: text.length };
}

/**
 * A plain chat: an instance of the built-in chat prompt (lib/prompts/chatPrompt.ts), with an
 * optional system prompt and, when started on a selection, that selection attached. It waits for
 * the user's first message.
 */
export const startChat = createAsyncThunk<string, StartChatArgs, ThunkConfig>('promptExecution/startChat', async (args, { dispatch, extra }) => {
  const attached = args.page ? selectionResource(extra.newId(), args.page) : null;
  return dispatch(
    startPromptInstance({
      promptId: CHAT_PROMPT_ID,
      systemPrompt: args.systemPrompt,
      page: args.page,
      resources: attached ? [attached] : [],
    }),
  ).unwrap();
});
