import { useId, useRef, useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { keyWouldTravelInClearText } from '@/lib/providers/clearTextKey';
import { hostOf, keyBelongsTo } from '@/lib/providers/keyOrigin';
import { DEFAULT_REQUESTS_PER_PROVIDER } from '@/lib/llm/requestQueue';
import { MAX_CONCURRENT_REQUESTS, MIN_CONCURRENT_REQUESTS, requestLimitProblem } from '@/lib/providers/requestLimit';
import { baseUrlProblem, normalizeBaseUrl } from './baseUrlCheck';
import { errorMessage, plural } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';
import { ProviderModelList } from './ProviderModelList';
import { ProviderPresetPicker } from './ProviderPresetPicker';
import type { ProviderPreset } from './providerPresets';

interface ProviderFormProps {
  /** null: a new provider */
  providerId: string | null;
  /** a new provider's fields start from this preset */
  initialPreset?: ProviderPreset;
  /** tick "Make it the default provider" (the panel's setup card asks for it) */
  makeDefaultInitially?: boolean;
  /** focus the first field when shown (the user asked to edit or add) */
  focusFirstField: boolean;
  onSaved(id: string): void;
  onDeleted(name: string): void;
}

type Busy = 'save' | 'delete' | 'models' | 'test' | null;

/**
 * Adds or edits a provider. The API key lives only in the password field (an uncontrolled input,
 * never in React state); it is read when saving and cleared once saved.
 */
export function ProviderForm({ providerId, initialPreset, makeDefaultInitially = false, focusFirstField, onSaved, onDeleted }: ProviderFormProps) {
  const provider = useAppSelector((state) => (providerId ? state.providers.byId[providerId] : undefined));
  const send = useCommand();
  const ids = useId();

  const isDefault = useAppSelector((state) => providerId !== null && state.providers.defaultProviderId === providerId);
  const preset = providerId === null ? initialPreset : undefined;
  const [name, setName] = useState(provider?.name ?? preset?.name ?? '');
  const [baseURL, setBaseURL] = useState(provider?.baseURL ?? preset?.baseURL ?? '');
  const [defaultModel, setDefaultModel] = useState(provider?.defaultModel ?? preset?.defaultModel ?? '');
  /** the field's text; empty: the default */
  const [maxRequests, setMaxRequests] = useState(provider?.maxConcurrentRequests?.toString() ?? '');
  const [makeDefault, setMakeDefault] = useState(makeDefaultInitially);
  const [removeKey, setRemoveKey] = useState(false);
  /** whether the key field holds something: a boolean, never the key */
  const [keyTyped, setKeyTyped] = useState(false);
  const keyRef = useRef<HTMLInputElement>(null);

  const [nameError, setNameError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [maxRequestsError, setMaxRequestsError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(preset ? { kind: 'ok', text: presetFilledText(preset) } : null);
  const [connection, setConnection] = useState<Feedback>(null);
  const [models, setModels] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<Busy>(null);

  const isNew = providerId === null;
  // List models and Test connection try the settings in the form, saved or not.
  const canQuery = busy === null && baseUrlProblem(baseURL) === null;
  const queryHint = canQuery || busy !== null ? null : 'Enter a valid base URL to list models or test the connection.';

  // Where a key would go if the form were saved now. The background enforces the origin rule
  // (cmd/providers/save); the form says so before saving.
  const urlValid = baseUrlProblem(baseURL) === null;
  const storedKeyKept = !!provider?.hasKey && !removeKey && !keyTyped;
  const storedKeyDropped = storedKeyKept && urlValid && !keyBelongsTo(provider.baseURL, baseURL);
  const keyWouldBeSent = keyTyped || (storedKeyKept && !storedKeyDropped);
  const clearTextKey = keyWouldBeSent && urlValid && keyWouldTravelInClearText(baseURL);
  const keyWarnings = [storedKeyDropped && `${ids}-key-dropped`, clearTextKey && `${ids}-key-clear`].filter(Boolean).join(' ');

  /** What a probe sends: the form's settings; a key typed in the form, else the saved one (same origin only). */
  const probe = () => ({
    id: providerId ?? undefined,
    name: name.trim() || undefined,
    baseURL: normalizeBaseUrl(baseURL),
    apiKey: removeKey ? null : keyRef.current?.value.trim() || undefined,
    defaultModel: defaultModel.trim() || undefined,
  });

  const clearKeyField = () => {
    if (keyRef.current) keyRef.current.value = '';
  };

  const applyPreset = (preset: ProviderPreset) => {
    setName(preset.name);
    setBaseURL(preset.baseURL);
    setDefaultModel(preset.defaultModel);
    setNameError(null);
    setUrlError(null);
    setModels(null);
    setFeedback({ kind: 'ok', text: presetFilledText(preset) });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const nameProblem = name.trim() ? null : 'Enter a name for the provider.';
    const urlProblem = baseUrlProblem(baseURL);
    const maxRequestsProblem = requestLimitProblem(maxRequests);
    setNameError(nameProblem);
    setUrlError(urlProblem);
    setMaxRequestsError(maxRequestsProblem);
    setConnection(null);
    if (nameProblem || urlProblem || maxRequestsProblem) {
      setFeedback({ kind: 'error', text: 'The provider was not saved: fix the fields marked above.' });
      document.getElementById(nameProblem ? `${ids}-name` : urlProblem ? `${ids}-url` : `${ids}-max-requests`)?.focus();
      return;
    }
    const typed = keyRef.current?.value.trim() ?? '';
    const savedHost = provider ? hostOf(provider.baseURL) : '';
    setBusy('save');
    setFeedback(null);
    try {
      const { id, keyDropped } = await send('cmd/providers/save', {
        id: providerId ?? undefined,
        name: name.trim(),
        baseURL: normalizeBaseUrl(baseURL),
        defaultModel: defaultModel.trim(),
        maxConcurrentRequests: maxRequests.trim() ? Number(maxRequests.trim()) : undefined,
        // undefined keeps the stored key, null removes it
        apiKey: removeKey ? null : typed ? typed : undefined,
      });
      if (makeDefault && !isDefault) await send('cmd/providers/setDefault', { id });
      clearKeyField();
      setRemoveKey(false);
      setName(name.trim());
      setBaseURL(normalizeBaseUrl(baseURL));
      setDefaultModel(defaultModel.trim());
      setMaxRequests(maxRequests.trim());
      setFeedback({ kind: 'ok', text: keyDropped ? `Saved ${name.trim()}. Its saved key was removed: it belonged to ${savedHost}.` : `Saved ${name.trim()}.` });
      onSaved(id);
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!providerId || !provider || busy) return;
    if (!window.confirm(`Delete the provider “${provider.name}”? Its API key is deleted too.`)) return;
    setBusy('delete');
    try {
      await send('cmd/providers/delete', { id: providerId });
      clearKeyField();
      onDeleted(provider.name);
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
      setBusy(null);
    }
  };

  const listModels = async () => {
    if (!canQuery) return;
    setBusy('models');
    setConnection(null);
    try {
      const result = await send('cmd/providers/listModels', probe());
      setModels(result.models);
      setConnection({ kind: 'ok', text: result.models.length ? `${plural(result.models.length, 'model')} available.` : 'The provider lists no models.' });
    } catch (error) {
      setModels(null);
      setConnection({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    if (!canQuery) return;
    setBusy('test');
    setConnection(null);
    try {
      const result = await send('cmd/providers/test', probe());
      setConnection({ kind: result.ok ? 'ok' : 'error', text: result.message });
    } catch (error) {
      setConnection({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const chooseModel = (model: string) => {
    setDefaultModel(model);
    document.getElementById(`${ids}-model`)?.focus();
  };

  const heading = isNew ? 'Add a provider' : `Edit provider: ${provider?.name ?? name}`;

  return (
    <form className="panel provider-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{heading}</h3>
      <ProviderPresetPicker onPick={applyPreset} />

      <div className="field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input
          id={`${ids}-name`}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
          autoFocus={focusFirstField}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${ids}-name-error` : undefined}
        />
        {nameError && (
          <p id={`${ids}-name-error`} className="field-error">
            {nameError}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-url`}>Base URL</label>
        <input
          id={`${ids}-url`}
          type="url"
          inputMode="url"
          spellCheck={false}
          placeholder="https://api.openai.com/v1"
          value={baseURL}
          onChange={(e) => {
            setBaseURL(e.target.value);
            setUrlError(null);
          }}
          onBlur={() => baseURL.trim() && setUrlError(baseUrlProblem(baseURL))}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={[urlError ? `${ids}-url-error` : `${ids}-url-hint`, keyWarnings].filter(Boolean).join(' ')}
        />
        {urlError ? (
          <p id={`${ids}-url-error`} className="field-error">
            {urlError}
          </p>
        ) : (
          <p id={`${ids}-url-hint`} className="hint">
            The address of the OpenAI-compatible API, usually ending in /v1.
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-model`}>Default model</label>
        <input
          id={`${ids}-model`}
          value={defaultModel}
          spellCheck={false}
          list={models?.length ? `${ids}-models` : undefined}
          onChange={(e) => setDefaultModel(e.target.value)}
          aria-describedby={`${ids}-model-hint`}
        />
        <p id={`${ids}-model-hint`} className="hint">
          Used by prompts that do not name a model. “List models” shows what the provider offers.
        </p>
        {models && models.length > 0 && (
          <datalist id={`${ids}-models`}>
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-max-requests`}>Requests at once</label>
        <input
          id={`${ids}-max-requests`}
          // text, not number: a number field empties itself on "abc", which would save the default unasked
          inputMode="numeric"
          spellCheck={false}
          placeholder={String(DEFAULT_REQUESTS_PER_PROVIDER)}
          value={maxRequests}
          onChange={(e) => {
            setMaxRequests(e.target.value);
            setMaxRequestsError(null);
          }}
          onBlur={() => setMaxRequestsError(requestLimitProblem(maxRequests))}
          aria-invalid={maxRequestsError ? true : undefined}
          aria-describedby={maxRequestsError ? `${ids}-max-requests-error` : `${ids}-max-requests-hint`}
        />
        {maxRequestsError ? (
          <p id={`${ids}-max-requests-error`} className="field-error">
            {maxRequestsError}
          </p>
        ) : (
          <p id={`${ids}-max-requests-hint`} className="hint">
            How many answers from this provider stream at the same time ({MIN_CONCURRENT_REQUESTS}–{MAX_CONCURRENT_REQUESTS}, empty for{' '}
            {DEFAULT_REQUESTS_PER_PROVIDER}); the others wait, shown as “Queued”. At most {MAX_CONCURRENT_REQUESTS}, because Chromium opens at most{' '}
            {MAX_CONCURRENT_REQUESTS} connections to one host. Providers on the same host share the smallest limit.
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-key`}>API key</label>
        <input
          id={`${ids}-key`}
          ref={keyRef}
          type="password"
          autoComplete="off"
          spellCheck={false}
          disabled={removeKey}
          placeholder={provider?.hasKey ? '•••• (unchanged)' : 'None (local servers need none)'}
          onChange={(e) => setKeyTyped(e.target.value.trim() !== '')}
          aria-describedby={[`${ids}-key-hint`, keyWarnings].filter(Boolean).join(' ')}
        />
        <p id={`${ids}-key-hint`} className="hint">
          {provider?.hasKey
            ? 'A key is set. Leave this empty to keep it, type a new one to replace it.'
            : 'Stored in this browser only, and never shown again.'}
        </p>
        {storedKeyDropped && (
          <p id={`${ids}-key-dropped`} className="field-warning">
            The base URL now points to {hostOf(baseURL)}, not {hostOf(provider.baseURL)}. The saved key goes only to the host it was saved for, so saving
            removes it. Type the key again to use it with the new address.
          </p>
        )}
        {clearTextKey && (
          <p id={`${ids}-key-clear`} className="field-warning">
            {hostOf(baseURL)} is reached over plain http://, so the key would travel unencrypted across the network. Use an https:// address if the provider
            offers one.
          </p>
        )}
        {provider?.hasKey && (
          <label className="check">
            <input
              type="checkbox"
              checked={removeKey}
              onChange={(e) => {
                setRemoveKey(e.target.checked);
                if (e.target.checked) clearKeyField();
              }}
            />
            Remove key
          </label>
        )}
      </div>

      {!isDefault && (
        <label className="check">
          <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
          Make it the default provider
        </label>
      )}

      <div className="button-row">
        <button type="submit" className="primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save provider'}
        </button>
        {!isNew && (
          <button type="button" className="danger" onClick={() => void remove()} disabled={busy !== null}>
            Delete
          </button>
        )}
        <button type="button" onClick={() => void listModels()} disabled={!canQuery} aria-describedby={queryHint ? `${ids}-query-hint` : undefined}>
          {busy === 'models' ? 'Listing…' : 'List models'}
        </button>
        <button type="button" onClick={() => void test()} disabled={!canQuery} aria-describedby={queryHint ? `${ids}-query-hint` : undefined}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {queryHint && (
        <p id={`${ids}-query-hint`} className="hint">
          {queryHint}
        </p>
      )}
      <FeedbackMessage feedback={feedback} />
      <FeedbackMessage feedback={connection} />
      {models && models.length > 0 && <ProviderModelList models={models} current={defaultModel.trim()} onChoose={chooseModel} />}
    </form>
  );
}

function presetFilledText(preset: ProviderPreset): string {
  return `Filled in ${preset.label}. Add the API key if it needs one, then save.`;
}
