import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { shallowEqual } from 'react-redux';
import { selectInstance } from '@/lib/execution';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';
import { useProviderModels } from './useProviderModels';
import './chat.css';

/**
 * The instance's provider and model, for its next message (cmd/instance/setModel): a provider list
 * and a model field suggesting the provider's listed models, where any name may be typed. It
 * changes this conversation only; the prompt keeps its own model for its next instances.
 */
export function ModelPicker({ instanceId }: { instanceId: string }) {
  const send = useCommand();
  const settings = useAppSelector((state) => selectInstance(state, instanceId)?.settings, shallowEqual);
  const providerOrder = useAppSelector((state) => state.providers.order, shallowEqual);
  const providersById = useAppSelector((state) => state.providers.byId);
  const defaultProviderId = useAppSelector((state) => state.providers.defaultProviderId);
  const { run, error, clearError } = useCommandAction();
  const ids = useId();

  const chosenId = settings?.providerId ?? null;
  const effective = providersById[chosenId ?? defaultProviderId ?? ''];
  const { models, error: listError, load } = useProviderModels(effective);

  const savedModel = settings?.model ?? '';
  const [draft, setDraft] = useState(savedModel);
  const editing = useRef(false);
  // The store is the truth once the user is not typing (another panel, or a refused change).
  useEffect(() => {
    if (!editing.current) setDraft(savedModel);
  }, [savedModel]);

  if (!settings) return null;

  const apply = (providerId: string | null, model: string) => {
    clearError();
    void run(() => send('cmd/instance/setModel', { instanceId, providerId, model }));
  };
  const commitModel = (value: string) => {
    editing.current = false;
    if (value.trim() !== savedModel) apply(chosenId, value.trim());
  };
  const onModelInput = (event: ChangeEvent<HTMLInputElement>) => {
    editing.current = true;
    setDraft(event.target.value);
    // A pick from the suggestions applies at once; typing applies on Enter or leaving the field.
    const input = event.nativeEvent as InputEvent;
    if (input.inputType === 'insertReplacementText' || (input.inputType === undefined && models.includes(event.target.value))) commitModel(event.target.value);
  };

  const defaultName = defaultProviderId ? providersById[defaultProviderId]?.name : undefined;
  return (
    <div className="model-picker" role="group" aria-label="Model for the next message">
      <label htmlFor={`${ids}-provider`}>Provider</label>
      <select
        id={`${ids}-provider`}
        value={chosenId ?? ''}
        onChange={(event) => {
          // Another provider: its own default model, until one is picked.
          setDraft('');
          apply(event.target.value || null, '');
        }}
      >
        <option value="">{defaultName ? `Default (${defaultName})` : 'Default provider'}</option>
        {providerOrder.map((id) =>
          providersById[id] ? (
            <option key={id} value={id}>
              {providersById[id].name}
            </option>
          ) : null,
        )}
        {chosenId && !providersById[chosenId] && <option value={chosenId}>A deleted provider</option>}
      </select>
      <label htmlFor={`${ids}-model`}>Model</label>
      <input
        id={`${ids}-model`}
        list={`${ids}-models`}
        value={draft}
        maxLength={200}
        spellCheck={false}
        autoComplete="off"
        placeholder={effective?.defaultModel ? `${effective.defaultModel} (default)` : 'model name'}
        title={listError ? `The model list could not be fetched: ${listError}` : undefined}
        onFocus={load}
        onPointerDown={load}
        onChange={onModelInput}
        onBlur={(event) => commitModel(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commitModel(event.currentTarget.value);
          } else if (event.key === 'Escape') {
            editing.current = false;
            setDraft(savedModel);
          }
        }}
      />
      <datalist id={`${ids}-models`}>
        {models.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <InlineError message={error} onDismiss={clearError} />
    </div>
  );
}
