import { useId } from 'react';
import { useJsonImportExport } from '@/components/useJsonImportExport';

/** Exports every flow as a JSON file, and imports one. */
export function FlowImportExport() {
  const ids = useId();
  const { busy, feedback, fileInput, exportAll, importFile } = useJsonImportExport('flow');

  return (
    <div className="flow-transfer">
      <div className="button-row">
        <button type="button" onClick={() => void exportAll()} disabled={busy}>
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
          onChange={(e) => void importFile(e)}
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
