import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { errorMessage } from '@/components/options/errorMessage';

const MAX_FILE_BYTES = 5_000_000;

/** Text files whose content goes with an action's messages: attach (upload or pick a saved one), detach. */
export function ActionFiles({ fileIds, label, onChange }: { fileIds: string[]; label: string; onChange(fileIds: string[]): void }) {
  const send = useCommand();
  const ids = useId();
  const files = useAppSelector((state) => state.files.byId);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = Object.values(files).filter((f) => !fileIds.includes(f.id));

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > MAX_FILE_BYTES) {
      setError('Files up to 5 MB of text can be attached.');
      event.target.value = '';
      return;
    }
    setBusy(true);
    try {
      const { id } = await send('cmd/files/add', { name: file.name, text: await file.text() });
      onChange([...fileIds, id]);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="action-files">
      <span className="field-label" id={`${ids}-title`}>
        Files
      </span>
      {fileIds.length > 0 && (
        <ul className="file-chips" aria-labelledby={`${ids}-title`}>
          {fileIds.map((id) => (
            <li key={id} className="chip">
              {files[id]?.name ?? 'A deleted file'}{' '}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Detach ${files[id]?.name ?? 'the deleted file'} from ${label}`}
                onClick={() => onChange(fileIds.filter((f) => f !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <input
          ref={input}
          id={`${ids}-file`}
          className="file-input"
          type="file"
          accept=".txt,.md,.csv,.json,text/*"
          disabled={busy}
          onChange={(e) => void upload(e)}
        />
        <label htmlFor={`${ids}-file`} className="file-button small">
          Attach a text file
        </label>
        {others.length > 0 && (
          <select
            aria-label={`Attach a saved file to ${label}`}
            value=""
            onChange={(e) => {
              if (e.target.value) onChange([...fileIds, e.target.value]);
            }}
          >
            <option value="">Attach a saved file…</option>
            {others.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
