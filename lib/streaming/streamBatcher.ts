import { deltasReceived } from './streamingSlice';
import { createTextBatcher, type TextBatcher } from './textBatcher';

/** The prompt engine's batcher: keys are task ids; a batch is one `streaming/deltasReceived`. */
export type StreamBatcher = TextBatcher;

export function createStreamBatcher(dispatch: (action: ReturnType<typeof deltasReceived>) => unknown, intervalMs: number): StreamBatcher {
  return createTextBatcher((batch) => dispatch(deltasReceived(batch)), intervalMs);
}
