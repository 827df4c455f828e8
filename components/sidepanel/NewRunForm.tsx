import { useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { selectPromptOptions } from './selectors';
import { useCommandAction } from './useCommandAction';

const promptOption = (option: { id: string; name: string }) => (
  <option key={option.id} value={option.id}>
    {option.name}
  </option>
);

/** The "New" area: pick a prompt (pinned ones first) and run it on the current page. */
export function NewRunForm({ onStarted }: { onStarted: (instanceId: string) => void }) {
  const send = useCommand();
  const options = useAppSelector(selectPromptOptions);
  const defaultPromptId = useAppSelector((state) => state.prompts.defaultPromptId);
  const [chosen, setChosen] = useState<string | null>(null);
  const { run, pending, error, clearError } = useCommandAction();

  // The user's choice while it exists; else the default prompt; else the first one.
  const promptId =
    (chosen && options.some((o) => o.id === chosen) ? chosen : null) ??
    (defaultPromptId && options.some((o) => o.id === defaultPromptId) ? defaultPromptId : null) ??
    options[0]?.id ??
    '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!promptId || pending) return;
    const result = await run(() => send('cmd/prompt/run', { promptId }));
    if (result) onStarted(result.instanceId);
  };

  return (
    <form className="new-run" onSubmit={(e) => void submit(e)} aria-label="New">
      <span className="new-run-label" aria-hidden="true">
        New
      </span>
      <select
        aria-label="Prompt"
        value={promptId}
        onChange={(event) => {
          setChosen(event.target.value);
          clearError();
        }}
        disabled={options.length === 0}
      >
        {options.length === 0 && <option value="">No prompts yet</option>}
        {options.some((o) => o.pinned) ? (
          <>
            <optgroup label="Pinned">{options.filter((o) => o.pinned).map(promptOption)}</optgroup>
            <optgroup label="Other prompts">{options.filter((o) => !o.pinned).map(promptOption)}</optgroup>
          </>
        ) : (
          options.map(promptOption)
        )}
      </select>
      <button type="submit" className="primary" disabled={!promptId || pending} aria-busy={pending || undefined}>
        Run
      </button>
      <InlineError message={error} onDismiss={clearError} />
    </form>
  );
}
