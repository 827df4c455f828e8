import { memo, useEffect, useId, useRef, useState } from 'react';
import { useCommand } from '@/components/storeHooks';
import { errorMessage } from './format';
import { InlineError } from './InlineError';

export type VariableSource = 'page' | 'entered' | 'saved' | 'none';

const SOURCE_HINT: Record<VariableSource, string> = {
  page: 'From the page',
  entered: 'Entered here',
  saved: 'Saved variable',
  none: '',
};

const SEND_DELAY_MS = 300;

const fieldKey = (instanceId: string, name: string) => `${instanceId}/${name}`;

/** Moves the keyboard focus to a variable's field of the instance shown, if it is on screen. */
export function focusVariableField(instanceId: string, name: string) {
  const key = fieldKey(instanceId, name);
  Array.from(document.querySelectorAll<HTMLElement>('[data-variable-field]'))
    .find((field) => field.dataset.variableField === key)
    ?.focus();
}

interface VariableFieldProps {
  instanceId: string;
  name: string;
  /** the merged value the next run uses */
  value: string;
  source: VariableSource;
  missing: boolean;
  /** Enter in a one-line field: run, once this field's value is sent (its draft is passed along) */
  onSubmit?: (name: string, draft: string) => void;
}

/**
 * One variable of the editor. Typing edits a local draft; the value is sent 300 ms after the last
 * keystroke (and at once on blur or unmount), so typing stays smooth while the store catches up.
 */
export const VariableField = memo(function VariableField({ instanceId, name, value, source, missing, onSubmit }: VariableFieldProps) {
  const send = useCommand();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  /** the draft not sent yet, or null */
  const unsent = useRef<string | null>(null);
  const inFlight = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = useRef(true);

  // Follow the store while the user has nothing of their own on the way.
  useEffect(() => {
    if (unsent.current === null && inFlight.current === 0) setDraft(value);
  }, [value]);

  /** Sends the unsent draft; resolves once it is saved (or failed, which the field shows). */
  const flush = (): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const next = unsent.current;
    if (next === null) return Promise.resolve();
    unsent.current = null;
    inFlight.current++;
    return send('cmd/instance/setVariable', { instanceId, name, value: next })
      .then(() => {
        if (mounted.current) setError(null);
      })
      .catch((caught: unknown) => {
        if (mounted.current) setError(errorMessage(caught));
        else console.error('[Flowbar] variable not saved', caught);
      })
      .finally(() => {
        inFlight.current--;
      });
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void flushRef.current();
    };
  }, []);

  const onChange = (next: string) => {
    setDraft(next);
    unsent.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flushRef.current(), SEND_DELAY_MS);
  };

  const hintId = `${id}-hint`;
  const hint = missing ? 'Missing' : SOURCE_HINT[source];
  const common = {
    id,
    value: draft,
    'aria-invalid': missing || undefined,
    'aria-describedby': hint ? hintId : undefined,
    onBlur: () => void flushRef.current(),
    'data-variable-field': fieldKey(instanceId, name),
    className: missing ? 'field-missing' : undefined,
    spellCheck: false,
  };

  return (
    <div className={missing ? 'variable-field variable-missing' : 'variable-field'}>
      <div className="variable-label-row">
        <label htmlFor={id}>{name}</label>
        {hint && (
          <span id={hintId} className={missing ? 'variable-hint hint-missing' : 'variable-hint'}>
            {hint}
          </span>
        )}
      </div>
      {name === 'selection' ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          enterKeyHint={onSubmit ? 'go' : undefined}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.nativeEvent.isComposing || !onSubmit) return;
            event.preventDefault();
            const current = draft;
            void flushRef.current().then(() => onSubmit(name, current));
          }}
        />
      )}
      <InlineError message={error} onDismiss={() => setError(null)} />
    </div>
  );
});
