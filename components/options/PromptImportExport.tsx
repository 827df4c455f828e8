import { useId } from 'react';
import { useJsonImportExport } from '@/components/useJsonImportExport';
import { FeedbackMessage } from './FeedbackMessage';

/** Exports the library as a JSON file, and imports one. */
export function PromptImportExport() {
  const ids = useId();
  const { busy, feedback, fileInput, exportAll, importFile } = useJsonImportExport('prompt');

  return (
    <div className="panel import-export">
      <h3>Import and export</h3>
      <div className="form-row">
        <div className="field field-button">
          <button type="button" onClick={() => void exportAll()} disabled={busy}>
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
            onChange={(e) => void importFile(e)}
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
