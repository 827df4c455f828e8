import { useId } from 'react';
import { useAppSelector } from '@/components/storeHooks';
import { ActionFiles } from './ActionFiles';
import { AvailableVariables } from './AvailableVariables';
import { ACTION_NAME_RULE, type ActionDraft } from './flowDraft';
import { MessagesEditor } from './MessagesEditor';

interface ActionEditorProps {
  action: ActionDraft;
  stepIndex: number;
  index: number;
  count: number;
  /** names later steps' {{outputs.<name>}} can read here */
  outputs: string[];
  scopedNames: string[];
  warnings: string[];
  errors: Map<string, string>;
  onChange(change: Partial<ActionDraft>): void;
  onMove(by: -1 | 1): void;
  onDuplicate(): void;
  onRemove(): void;
  onFocusRequest(selector: string, fallback?: string): void;
}

/** One action of a step: its name, a prompt or its own messages, provider, model, temperature, files. */
export function ActionEditor(props: ActionEditorProps) {
  const { action, stepIndex, index, count, errors, onChange } = props;
  const ids = useId();
  const prompts = useAppSelector((state) => state.prompts);
  const providers = useAppSelector((state) => state.providers);
  const label = action.name.trim() ? `action ${action.name.trim()}` : `action ${index + 1} of step ${stepIndex + 1}`;
  const nameError = errors.get(`${action.key}:name`);
  const messagesError = errors.get(`${action.key}:messages`);
  const temperatureError = errors.get(`${action.key}:temperature`);
  const prompt = action.promptId ? prompts.byId[action.promptId] : undefined;
  const defaultProvider = providers.defaultProviderId ? providers.byId[providers.defaultProviderId] : undefined;
  const provider =
    (action.providerId ? providers.byId[action.providerId] : undefined) ??
    (prompt?.settings.providerId ? providers.byId[prompt.settings.providerId] : undefined) ??
    defaultProvider;
  const defaultModel = prompt?.settings.model || provider?.defaultModel || '';

  return (
    <li className="action-card">
      <fieldset className="action-editor">
        <legend>Action {index + 1}</legend>
        <div className="field">
          <label htmlFor={`${ids}-name`}>Action name</label>
          <input
            id={`${ids}-name`}
            type="text"
            data-focus={`${action.key}:name`}
            value={action.name}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${ids}-name-hint${nameError ? ` ${ids}-name-error` : ''}`}
            onChange={(e) => onChange({ name: e.target.value })}
          />
          <p id={`${ids}-name-hint`} className="hint">
            Later steps read its answer as <code>{`{{outputs.${action.name.trim() || 'name'}}}`}</code>. {ACTION_NAME_RULE}
          </p>
          {nameError && (
            <p id={`${ids}-name-error`} className="field-error">
              {nameError}
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor={`${ids}-prompt`}>Prompt</label>
          <select id={`${ids}-prompt`} value={action.promptId ?? ''} onChange={(e) => onChange({ promptId: e.target.value || null })}>
            <option value="">Own messages</option>
            {action.promptId && !prompt && <option value={action.promptId}>A deleted prompt</option>}
            {prompts.order
              .filter((id) => prompts.byId[id])
              .map((id) => (
                <option key={id} value={id}>
                  {prompts.byId[id].name}
                </option>
              ))}
          </select>
          {action.promptId &&
            (prompt ? (
              <p className="hint">
                Sends the messages of “{prompt.name}” ({prompt.messages.length} {prompt.messages.length === 1 ? 'message' : 'messages'}), with its model
                settings unless this action sets its own.
              </p>
            ) : (
              <p className="field-error">This prompt was deleted: choose another one or write the action’s own messages.</p>
            ))}
        </div>

        {action.promptId === null && (
          <MessagesEditor
            messages={action.messages}
            onChange={(messages) => onChange({ messages })}
            describedBy={`${ids}-vars`}
            error={messagesError}
            errorId={`${ids}-messages-error`}
            onFocusRequest={props.onFocusRequest}
          />
        )}
        <AvailableVariables id={`${ids}-vars`} stepIndex={stepIndex} outputs={props.outputs} scopedNames={props.scopedNames} warnings={props.warnings} />

        <div className="form-row">
          <div className="field grow">
            <label htmlFor={`${ids}-provider`}>Provider</label>
            <select id={`${ids}-provider`} value={action.providerId ?? ''} onChange={(e) => onChange({ providerId: e.target.value || null })}>
              <option value="">{defaultProvider ? `Default (${defaultProvider.name})` : 'Default'}</option>
              {action.providerId && !providers.byId[action.providerId] && <option value={action.providerId}>A deleted provider</option>}
              {providers.order
                .filter((id) => providers.byId[id])
                .map((id) => (
                  <option key={id} value={id}>
                    {providers.byId[id].name}
                  </option>
                ))}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={`${ids}-model`}>Model</label>
            <input
              id={`${ids}-model`}
              type="text"
              value={action.model}
              placeholder={defaultModel ? `Default: ${defaultModel}` : 'The provider’s default'}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => onChange({ model: e.target.value })}
            />
          </div>
          <div className="field narrow">
            <label htmlFor={`${ids}-temperature`}>Temperature</label>
            <input
              id={`${ids}-temperature`}
              type="number"
              min={0}
              max={2}
              step={0.1}
              inputMode="decimal"
              value={action.temperature}
              placeholder={prompt?.settings.temperature !== undefined ? String(prompt.settings.temperature) : 'Default'}
              aria-invalid={temperatureError ? true : undefined}
              aria-describedby={temperatureError ? `${ids}-temperature-error` : undefined}
              onChange={(e) => onChange({ temperature: e.target.value })}
            />
            {temperatureError && (
              <p id={`${ids}-temperature-error`} className="field-error">
                {temperatureError}
              </p>
            )}
          </div>
        </div>

        <ActionFiles fileIds={action.fileIds} label={label} onChange={(fileIds) => onChange({ fileIds })} />

        <div className="button-row action-buttons">
          <button
            type="button"
            className="small"
            data-focus={`${action.key}:left`}
            aria-label={`Move left ${label}`}
            disabled={index === 0}
            onClick={() => props.onMove(-1)}
          >
            <span aria-hidden="true">← </span>Move left
          </button>
          <button
            type="button"
            className="small"
            data-focus={`${action.key}:right`}
            aria-label={`Move right ${label}`}
            disabled={index === count - 1}
            onClick={() => props.onMove(1)}
          >
            Move right<span aria-hidden="true"> →</span>
          </button>
          <button type="button" className="small" aria-label={`Duplicate ${label}`} onClick={props.onDuplicate}>
            Duplicate
          </button>
          <button
            type="button"
            className="small danger"
            aria-label={`Remove ${label}`}
            disabled={count <= 1}
            title={count <= 1 ? 'A step needs at least one action' : undefined}
            onClick={props.onRemove}
          >
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}
