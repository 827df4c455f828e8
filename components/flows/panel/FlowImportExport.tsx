import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useCommand } from '@/components/storeHooks';
import { errorMessage } from '@/components/options/errorMessage';
import { downloadJson, today } from '../download';

const MAX_IMPORT_BYTES = 20_000_000;
type Feedback = { kind: 'ok' | 'error'; text: string } | null;
const flowsWord = (n: number) => `${n} ${n === 1 ? 'flow' : 'flows'}`;

/** Exports every flow as a JSON file, and imports one. */
export function FlowImportExport() {
  const send = useCommand();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);

  const exportFlows = async () => {
    setBusy(true);
    setFeedback(null);
    try {
      const { json } = await send('cmd/flows/export', {});
      const count = (JSON.parse(json) as { flows?: unknown[] }).flows?.length ?? 0;
      downloadJson(json, `flowbar-flows-${today()}.json`);
      setFeedback({ kind: 'ok', text: `Exported ${flowsWord(count)}.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const importFlows = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFeedback(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setFeedback({ kind: 'error', text: 'This file is too large for a flow export.' });
      event.target.value = '';
      return;
    }
    setBusy(true);
    try {
      const { count } = await send('cmd/flows/import', { json: await file.text() });
      setFeedback({ kind: 'ok', text: `Imported ${flowsWord(count)}.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: `Nothing was imported. ${errorMessage(error)}` });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <div className="flow-transfer">
      <div className="button-row">
        <button type="button" onClick={() => void exportFlows()} disabled={busy}>
          Export flows
        </button>
        <input
          id={`${ids}-file`}
          ref={fileInput}
          className="file-input"
          type="file"
          accept=".json,application/json"
          disabled={busy}
          aria-describedby={`${ids}-hint`}
          onChange={(e) => void importFlows(e)}
        />
        {/* The label is what shows, as a button; the (hidden) file input keeps the keyboard focus. */}
        <label className="file-button" htmlFor={`${ids}-file`}>
          Import flows
        </label>
      </div>
      <p id={`${ids}-hint`} className="muted flow-transfer-hint">
        A Flowbar flow export. A flow with the same id as one you have replaces it.
      </p>
      {feedback &&
        (feedback.kind === 'ok' ? (
          <p role="status" className="feedback-ok">
            {feedback.text}
          </p>
        ) : (
          <div role="alert" className="inline-error">
            <span>{feedback.text}</span>
          </div>
        ))}
    </div>
  );
}
