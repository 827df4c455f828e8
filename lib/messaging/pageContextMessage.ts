import { z } from 'zod';
import { MAX_SELECTION_CHARS, PAGE_CONTEXT_MESSAGE } from './pageContextProtocol';

/** The background's check of what a content script sends: anything else is refused. */
export const pageContextMessage = z.object({
  type: z.literal(PAGE_CONTEXT_MESSAGE),
  title: z.string().max(2_000),
  url: z.string().max(10_000),
  selection: z.string().max(MAX_SELECTION_CHARS),
});

export { PAGE_CONTEXT_MESSAGE };
