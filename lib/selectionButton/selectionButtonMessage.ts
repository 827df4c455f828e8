import { z } from 'zod';
import { MAX_SELECTION_CHARS } from '../messaging/pageContextProtocol';
import { SELECTION_BUTTON_CLICK } from './selectionButtonProtocol';

/** The background's check of a selection-button click message: anything else is refused. */
export const selectionButtonClick = z.object({
  type: z.literal(SELECTION_BUTTON_CLICK),
  title: z.string().max(2_000),
  url: z.string().max(10_000),
  selection: z.string().max(MAX_SELECTION_CHARS),
});
