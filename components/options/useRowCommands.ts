import { useState } from 'react';
import { errorMessage } from './errorMessage';
import type { Feedback } from './FeedbackMessage';

/**
 * The commands of a table row edited in place, one at a time (`busy` while one runs), each outcome
 * reported through `onFeedback`. A row that was saved stays usable; a deleted one stays busy (it is
 * leaving the table) and `onDeleted` lets the table move the focus somewhere that still exists.
 */
export function useRowCommands(onFeedback: (feedback: Feedback) => void, onDeleted: () => void) {
  const [busy, setBusy] = useState(false);

  const save = async (command: () => Promise<unknown>, savedText: string, onSaved?: () => void) => {
    if (busy) return;
    setBusy(true);
    try {
      await command();
      onFeedback({ kind: 'ok', text: savedText });
      onSaved?.();
    } catch (error) {
      onFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (command: () => Promise<unknown>, deletedText: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await command();
      onFeedback({ kind: 'ok', text: deletedText });
      onDeleted();
    } catch (error) {
      onFeedback({ kind: 'error', text: errorMessage(error) });
      setBusy(false);
    }
  };

  return { busy, save, remove };
}
