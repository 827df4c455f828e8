import { useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { MAX_REQUEST_TIMEOUT_SECONDS, MIN_REQUEST_TIMEOUT_SECONDS } from '@/lib/settings/settingsSlice';
import { errorMessage } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

/** Engine settings: how long a model call may take before Flowbar gives up on it. */
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
      setFeedback({ kind: 'ok', text: `Requests now time out after ${seconds} s.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <section id="general" aria-labelledby="general-heading">
      <h2 id="general-heading">General</h2>
      <form onSubmit={(e) => void save(e)} className="inline-form">
        <label>
          Request timeout (seconds)
          <input type="number" min={MIN_REQUEST_TIMEOUT_SECONDS} max={MAX_REQUEST_TIMEOUT_SECONDS} step={1} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Save timeout</button>
      </form>
      <p className="hint">A model call that has not finished streaming by then is stopped, and what arrived is kept.</p>
      <FeedbackMessage feedback={feedback} />
    </section>
  );
}
