import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useCommand } from '@/components/storeHooks';
import { errorMessage, plural } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

const MAX_IMPORT_BYTES = 20_000_000;

/** Exports the library as a JSON file, and imports one. */
export function PromptImportExport() {
  const send = useCommand();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);

  const exportPrompts = async () => {
    setBusy(true);
    setFeedback(null);
    try {
      const { json } = await send('cmd/prompts/export', {});
      const count = (JSON.parse(json) as { prompts?: unknown[] }).prompts?.length ?? 0;
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `flowbar-prompts-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setFeedback({ kind: 'ok', text: `Exported ${plural(count, 'prompt')}.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const importPrompts = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFeedback(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setFeedback({ kind: 'error', text: 'This file is too large for a prompt export.' });
      event.target.value = '';
      return;
    }
    setBusy(true);
    try {
      const { count } = await send('cmd/prompts/import', { json: await file.text() });
      setFeedback({ kind: 'ok', text: `Imported ${plural(count, 'prompt')}.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: `Nothing was imported. ${errorMessage(error)}` });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <div className="panel import-export">
      <h3>Import and export</h3>
      <div className="form-row">
        <div className="field field-button">
          <button type="button" onClick={() => void exportPrompts()} disabled={busy}>
            Export prompts
          </button>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-file`}>Import prompts</label>
          <input
            id={`${ids}-file`}
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            disabled={busy}
            aria-describedby={`${ids}-hint`}
            onChange={(e) => void importPrompts(e)}
          />
        </div>
      </div>
      <p id={`${ids}-hint`} className="hint">
        A Flowbar export file. Prompts with the same id as one in the library replace it. Providers and keys are never exported.
      </p>
      <FeedbackMessage feedback={feedback} />
    </div>
  );
}
