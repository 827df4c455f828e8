import { useId } from 'react';
import type { ExecutionConfig } from '@/lib/types';

const OPTIONS: readonly { key: keyof ExecutionConfig; label: string; hint: string }[] = [
  { key: 'auto_run', label: 'Run at once', hint: 'Send the first message as soon as the prompt opens, if all its variables have values.' },
  { key: 'allow_chat', label: 'Allow chat', hint: 'Let the user continue the conversation after the first answer.' },
  { key: 'show_variables', label: 'Show variables', hint: 'Show the variable editor in the panel.' },
  { key: 'apply_variables', label: 'Apply variables', hint: 'Replace {{variables}} with their values; off sends the messages as written.' },
  { key: 'track_in_runs', label: 'Track runs', hint: 'Record tokens, cost and timings of each run in the history.' },
];

/** The checkboxes of a prompt's execution config, each with a short hint. */
export function ExecutionConfigFields({ value, onChange }: { value: ExecutionConfig; onChange(value: ExecutionConfig): void }) {
  const ids = useId();
  return (
    <fieldset className="checks">
      <legend>Execution</legend>
      {OPTIONS.map((option) => (
        <div key={option.key} className="check-field">
          <label className="check">
            <input
              type="checkbox"
              checked={value[option.key]}
              aria-describedby={`${ids}-${option.key}`}
              onChange={(e) => onChange({ ...value, [option.key]: e.target.checked })}
            />
            {option.label}
          </label>
          <p id={`${ids}-${option.key}`} className="hint">
            {option.hint}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
