import { SharedRecordNotice } from '@/components/team/SharedRecordNotice';
import { useSharedRecord } from '@/components/team/useSharedRecord';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import type { Prompt } from '@/lib/types';
import { errorMessage } from './errorMessage';
import { ExecutionConfigFields } from './ExecutionConfigFields';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';
import { MessageListEditor } from './MessageListEditor';
import { draftFromPrompt, draftProblems, draftToInput, sameDraft, type DraftProblems, type PromptDraft } from './promptDraft';
import { TemplateVariableList } from './TemplateVariableList';

interface PromptEditorProps {
  /** the prompt as it was when editing began; undefined: a new prompt */
  prompt: Prompt | undefined;
  onSaved(id: string): void;
  onClose(): void;
  onDirtyChange(dirty: boolean): void;
}

/** Edits a prompt of the library: name, messages, model settings and execution config. */
export function PromptEditor({ prompt, onSaved, onClose, onDirtyChange }: PromptEditorProps) {
  const send = useCommand();
  const providers = useAppSelector((state) => state.providers);
  const ids = useId();

  const [id, setId] = useState<string | null>(prompt?.id ?? null);
  const [saved, setSaved] = useState<PromptDraft>(() => draftFromPrompt(prompt));
  const [draft, setDraft] = useState<PromptDraft>(saved);
  const [problems, setProblems] = useState<DraftProblems>({});
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);

  const { editable } = useSharedRecord('prompt', id);
  const dirty = !sameDraft(draft, saved);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const set = <K extends keyof PromptDraft>(key: K, value: PromptDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key in problems) setProblems((p) => ({ ...p, [key]: undefined }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = draftProblems(draft);
    setProblems(found);
    const first = (['name', 'temperature', 'maxTokens'] as const).find((key) => found[key]);
    if (first) {
      setFeedback({ kind: 'error', text: 'The prompt was not saved: fix the fields marked below.' });
      document.getElementById(`${ids}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      const result = await send('cmd/prompts/save', draftToInput(draft, id));
      setId(result.id);
      setSaved(draft);
      setFeedback({ kind: 'ok', text: `Saved ${draft.name.trim()}.` });
      onSaved(result.id);
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const selectedProvider = draft.providerId
    ? providers.byId[draft.providerId]
    : providers.defaultProviderId
      ? providers.byId[providers.defaultProviderId]
      : undefined;
  const unknownProvider = draft.providerId !== '' && !providers.byId[draft.providerId];
  const modelPlaceholder = selectedProvider?.defaultModel ? `Provider default (${selectedProvider.defaultModel})` : 'Provider default';

  const field = (key: keyof DraftProblems, hasHint: boolean) => ({
    id: `${ids}-${key}`,
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `${ids}-${key}-error` : hasHint ? `${ids}-${key}-hint` : undefined,
  });
  const fieldError = (key: keyof DraftProblems) =>
    problems[key] ? (
      <p id={`${ids}-${key}-error`} className="field-error">
        {problems[key]}
      </p>
    ) : null;

  return (
    <form className="panel prompt-editor" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{id === null ? 'New prompt' : `Edit prompt: ${saved.name}`}</h3>
      <SharedRecordNotice kind="prompt" id={id} />

      <div className="field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input {...field('name', false)} value={draft.name} autoFocus onChange={(e) => set('name', e.target.value)} />
        {fieldError('name')}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-description`}>Description</label>
        <input id={`${ids}-description`} value={draft.description} onChange={(e) => set('description', e.target.value)} />
      </div>

      <MessageListEditor messages={draft.messages} onChange={(messages) => set('messages', messages)} />
      <TemplateVariableList texts={draft.messages.map((m) => m.content)} applied={draft.executionConfig.apply_variables} />

      <fieldset className="settings">
        <legend>Model settings</legend>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${ids}-provider`}>Provider</label>
            <select id={`${ids}-provider`} value={draft.providerId} onChange={(e) => set('providerId', e.target.value)}>
              <option value="">Default provider</option>
              {providers.order.map((pid) =>
                providers.byId[pid] ? (
                  <option key={pid} value={pid}>
                    {providers.byId[pid].name}
                  </option>
                ) : null,
              )}
              {unknownProvider && <option value={draft.providerId}>A deleted provider ({draft.providerId})</option>}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={`${ids}-model`}>Model</label>
            <input
              id={`${ids}-model`}
              value={draft.model}
              spellCheck={false}
              placeholder={modelPlaceholder}
              aria-describedby={`${ids}-model-hint`}
              onChange={(e) => set('model', e.target.value)}
            />
            <p id={`${ids}-model-hint`} className="hint">
              Empty: the provider’s default model.
            </p>
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${ids}-temperature`}>Temperature</label>
            <input
              {...field('temperature', true)}
              type="number"
              min={0}
              max={2}
              step={0.1}
              inputMode="decimal"
              placeholder="Default"
              value={draft.temperature}
              onChange={(e) => set('temperature', e.target.value)}
            />
            {fieldError('temperature') ?? (
              <p id={`${ids}-temperature-hint`} className="hint">
                0 (focused) to 2 (varied); empty: the provider’s default.
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-maxTokens`}>Max tokens</label>
            <input
              {...field('maxTokens', true)}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              placeholder="No limit"
              value={draft.maxTokens}
              onChange={(e) => set('maxTokens', e.target.value)}
            />
            {fieldError('maxTokens') ?? (
              <p id={`${ids}-maxTokens-hint`} className="hint">
                The longest answer; empty: no limit.
              </p>
            )}
          </div>
        </div>
      </fieldset>

      <ExecutionConfigFields value={draft.executionConfig} onChange={(value) => set('executionConfig', value)} />

      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !editable}>
          {busy ? 'Saving…' : 'Save prompt'}
        </button>
        <button type="button" onClick={onClose}>
          Close editor
        </button>
        {dirty && <span className="hint">Unsaved changes</span>}
      </div>
      <FeedbackMessage feedback={feedback} />
    </form>
  );
}
