import { useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { MAX_REQUEST_TIMEOUT_SECONDS, MIN_REQUEST_TIMEOUT_SECONDS } from '@/lib/settings/settingsSlice';
import { errorMessage } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

/**
 * Engine settings: how long Flowbar waits on a provider. One setting, two limits in the code: the
 * wait for the first byte of an answer (firstByteTimeoutMs) and the silence between two pieces of
 * it (betweenChunksTimeoutMs). Neither limits how long a whole answer may take.
 */
export function GeneralSection() {
  const send = useCommand();
  const saved = useAppSelector((state) => state.settings.requestTimeoutSeconds);
  const [draft, setDraft] = useState(String(saved));
  const [feedback, setFeedback] = useState<Feedback>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const seconds = Number(draft);
    if (!Number.isInteger(seconds) || seconds < MIN_REQUEST_TIMEOUT_SECONDS || seconds > MAX_REQUEST_TIMEOUT_SECONDS) {
      setFeedback({ kind: 'error', text: `Enter a whole number of seconds from ${MIN_REQUEST_TIMEOUT_SECONDS} to ${MAX_REQUEST_TIMEOUT_SECONDS}.` });
      return;
    }
    try {
      await send('cmd/settings/set', { requestTimeoutSeconds: seconds });
      setFeedback({ kind: 'ok', text: `Flowbar now gives up on a provider that stays silent for ${seconds} s.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <section id="general" aria-labelledby="general-heading">
      <h2 id="general-heading">General</h2>
      <form onSubmit={(e) => void save(e)} className="inline-form">
        <label>
          Wait for a silent provider (seconds)
          <input
            type="number"
            min={MIN_REQUEST_TIMEOUT_SECONDS}
            max={MAX_REQUEST_TIMEOUT_SECONDS}
            step={1}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit">Save wait</button>
      </form>
      <p className="hint">
        How long Flowbar waits for a provider to start answering, and then for each next piece of the answer. An answer that keeps arriving is never cut off,
        however long it takes; one that goes silent this long is stopped, and what arrived is kept.
      </p>
      <FeedbackMessage feedback={feedback} />
    </section>
  );
}
