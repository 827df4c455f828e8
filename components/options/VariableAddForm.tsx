import { useId, useRef, useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import type { VariableScope } from '@/lib/types';
import { AddForm } from './AddForm';
import { errorMessage } from './errorMessage';
import type { Feedback } from './FeedbackMessage';
import { VARIABLE_NAME_PATTERN, VARIABLE_NAME_RULE, VARIABLE_SCOPES } from './variableScopes';

/** Adds a variable to a scope (or replaces the value of one that exists). */
export function VariableAddForm() {
  const send = useCommand();
  const scoped = useAppSelector((state) => state.scopedVariables);
  const ids = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [scope, setScope] = useState<VariableScope>('user');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    if (!VARIABLE_NAME_PATTERN.test(trimmed)) {
      setFeedback({ kind: 'error', text: trimmed ? VARIABLE_NAME_RULE : 'Enter a variable name.' });
      nameRef.current?.focus();
      return;
    }
    const scopeLabel = VARIABLE_SCOPES.find((s) => s.scope === scope)?.label ?? scope;
    const existed = scoped[scope]?.[trimmed] !== undefined;
    setBusy(true);
    try {
      await send('cmd/variables/set', { scope, name: trimmed, value });
      setFeedback({ kind: 'ok', text: `${existed ? 'Updated' : 'Added'} ${trimmed} in ${scopeLabel}.` });
      setName('');
      setValue('');
      nameRef.current?.focus();
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AddForm title="Add a variable" submitLabel="Add variable" busy={busy} feedback={feedback} onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${ids}-name`}>Variable name</label>
        <input id={`${ids}-name`} ref={nameRef} value={name} spellCheck={false} placeholder="language" onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field grow">
        <label htmlFor={`${ids}-value`}>Value</label>
        <input id={`${ids}-value`} value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-scope`}>Scope</label>
        <select id={`${ids}-scope`} value={scope} onChange={(e) => setScope(e.target.value as VariableScope)}>
          {VARIABLE_SCOPES.map((s) => (
            <option key={s.scope} value={s.scope}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
    </AddForm>
  );
}
