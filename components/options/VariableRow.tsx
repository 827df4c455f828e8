import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useCommand } from '@/components/storeHooks';
import type { VariableScope } from '@/lib/types';
import type { Feedback } from './FeedbackMessage';
import { useRowCommands } from './useRowCommands';

interface VariableRowProps {
  scope: VariableScope;
  name: string;
  value: string;
  /** the id of the table's visible "Value" header, which labels the edit field */
  valueHeaderId: string;
  onFeedback(feedback: Feedback): void;
  /** after a delete: the table moves focus somewhere that still exists */
  onDeleted(): void;
}

/** One variable: its value, shown or edited in place, and its delete button. */
export function VariableRow({ scope, name, value, valueHeaderId, onFeedback, onDeleted }: VariableRowProps) {
  const send = useCommand();
  const rowHeaderId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const { busy, save: saveRow, remove: removeRow } = useRowCommands(onFeedback, onDeleted);
  const editButton = useRef<HTMLButtonElement>(null);

  const stopEditing = () => {
    setDraft(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const save = async () => {
    if (draft === null) return;
    await saveRow(() => send('cmd/variables/set', { scope, name, value: draft }), `Saved ${name}.`, stopEditing);
  };

  const remove = () => removeRow(() => send('cmd/variables/delete', { scope, name }), `Deleted ${name}.`);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing();
    }
  };

  return (
    <tr>
      <th scope="row" id={rowHeaderId}>
        <code>{name}</code>
      </th>
      <td className="value-cell">
        {draft === null ? (
          <span className="value">{value || <em>(empty)</em>}</span>
        ) : (
          <input value={draft} autoFocus aria-labelledby={`${valueHeaderId} ${rowHeaderId}`} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
        )}
      </td>
      <td className="row-actions">
        {draft === null ? (
          <>
            <button type="button" className="small" ref={editButton} onClick={() => setDraft(value)} disabled={busy}>
              Edit<span className="visually-hidden"> {name}</span>
            </button>
            <button type="button" className="small danger" onClick={() => void remove()} disabled={busy}>
              Delete<span className="visually-hidden"> {name}</span>
            </button>
          </>
        ) : (
          <>
            <button type="button" className="small primary" onClick={() => void save()} disabled={busy}>
              Save<span className="visually-hidden"> {name}</span>
            </button>
            <button type="button" className="small" onClick={stopEditing} disabled={busy}>
              Cancel
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
