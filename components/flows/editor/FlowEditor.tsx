import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useState, type FormEvent } from 'react';
import { useStore } from 'react-redux';
import { denormalizeFlow } from '@/lib/flows/flowShape';
import type { RootState } from '@/lib/store/rootReducer';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { errorMessage } from '@/components/options/errorMessage';
import { FeedbackMessage, type Feedback } from '@/components/options/FeedbackMessage';
import { downloadJson, fileSlug } from '@/components/download';
import {
  assignSavedIds,
  describeSaveError,
  draftFromInput,
  draftOps,
  draftToInput,
  earlierOutputs,
  newFlowDraft,
  validateDraft,
  variableWarnings,
  type ActionDraft,
  type FlowDraft,
} from './flowDraft';
import { StepEditor } from './StepEditor';

type FocusRequest = { selector: string; fallback?: string } | null;

/** What was sent with the last save, to give the new steps and actions their ids once it is stored. */
interface PendingSave {
  flowId: string;
  previousUpdatedAt: number | undefined;
  saved: { stepKey: string; actionKeys: string[] }[];
}

function loadDraft(state: RootState, flowId: string | null): { draft: FlowDraft; missing: boolean } {
  const flow = flowId ? state.flows.flows.byId[flowId] : undefined;
  if (!flow) return { draft: newFlowDraft(), missing: Boolean(flowId) };
  return { draft: draftFromInput(denormalizeFlow(flow, state.actions.byId)), missing: false };
}

const savedForm = (draft: FlowDraft) => JSON.stringify(draftToInput(draft));

/** The flow editor: a flow's name and description, its steps in order, each with its actions side by side. */
export function FlowEditor({ initialFlowId }: { initialFlowId: string | null }) {
  const send = useCommand();
  const store = useStore<RootState>();
  const ids = useId();
  const [initial] = useState(() => loadDraft(store.getState(), initialFlowId));
  const [draft, setDraft] = useState<FlowDraft>(initial.draft);
  // The draft as last saved (or as opened): "unsaved changes" is any difference from it.
  const [savedJson, setSavedJson] = useState(() => savedForm(initial.draft));
  const [feedback, setFeedback] = useState<Feedback>(
    initial.missing ? { kind: 'error', text: 'There is no flow with this id (it may have been deleted). You can make a new one here.' } : null,
  );
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, setPending] = useState<PendingSave | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(null);
  const scoped = useAppSelector((state) => state.scopedVariables);
  const storedFlow = useAppSelector((state) => (draft.id ? state.flows.flows.byId[draft.id] : undefined));

  const scopedNames = useMemo(
    () => [...new Set([...Object.keys(scoped.user ?? {}), ...Object.keys(scoped.org ?? {}), ...Object.keys(scoped.project ?? {})])].sort(),
    [scoped],
  );
  const scopedSet = useMemo(() => new Set(scopedNames), [scopedNames]);
  const errors = useMemo(() => validateDraft(draft), [draft]);
  // Field errors show once the user tried to save; a bad action name shows as soon as it is typed.
  const shownErrors = useMemo(
    () => (submitted ? errors : new Map([...errors].filter(([key]) => key.endsWith(':name') && !key.startsWith('flow:')))),
    [errors, submitted],
  );
  const dirty = useMemo(() => savedJson !== savedForm(draft), [draft, savedJson]);

  useEffect(() => {
    document.title = `${draft.id ? 'Edit' : 'New'} flow${draft.name.trim() ? `: ${draft.name.trim()}` : ''} · Flowbar`;
  }, [draft.id, draft.name]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // The saved flow reached the store: its new steps and actions get their ids, so the next save keeps them.
  useEffect(() => {
    if (!pending || !storedFlow || storedFlow.id !== pending.flowId || storedFlow.updatedAt === pending.previousUpdatedAt) return;
    const next = assignSavedIds(
      draft,
      pending.flowId,
      pending.saved,
      storedFlow.steps.map((s) => ({ id: s.id, actionIds: s.actionIds })),
    );
    // What was saved now has its ids: it stays "saved" unless the user changed it meanwhile.
    const unchanged = savedJson === savedForm(draft);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the store's answer to a save arrives as a prop: this effect takes it in once
    setPending(null);
    setDraft(next);
    if (unchanged) setSavedJson(savedForm(next));
  }, [pending, storedFlow, draft, savedJson]);

  // After a structural change (move, add, remove) the keyboard focus goes where the user expects it.
  useLayoutEffect(() => {
    if (!focusRequest) return;
    let element = document.querySelector<HTMLElement>(focusRequest.selector);
    if (!element || (element instanceof HTMLButtonElement && element.disabled))
      element = focusRequest.fallback ? document.querySelector<HTMLElement>(focusRequest.fallback) : element;
    element?.focus();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a focus request is done once the DOM it waited for is there
    setFocusRequest(null);
  }, [focusRequest]);

  const requestFocus = useCallback((selector: string, fallback?: string) => setFocusRequest({ selector, fallback }), []);
  const edit = useCallback((change: (d: FlowDraft) => FlowDraft) => {
    setDraft(change);
    setFeedback((f) => (f?.kind === 'ok' ? null : f));
    setConfirmDelete(false);
  }, []);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setConfirmDelete(false);
    if (errors.size > 0) {
      const [key, first] = [...errors][0];
      setFeedback({
        kind: 'error',
        text: errors.size === 1 ? `The flow was not saved: ${first}` : `The flow was not saved: ${errors.size} problems. ${first}`,
      });
      requestFocus(key === 'flow:name' ? `#${CSS.escape(`${ids}-name`)}` : `[data-focus="${key.split(':')[0]}:name"]`);
      return;
    }
    setBusy(true);
    setFeedback(null);
    const input = draftToInput(draft);
    const previousUpdatedAt = draft.id ? store.getState().flows.flows.byId[draft.id]?.updatedAt : undefined;
    try {
      const { id } = await send('cmd/flows/save', input);
      const saved = { ...draft, id };
      setSavedJson(savedForm(saved));
      setDraft((current) => ({ ...current, id }));
      setPending({ flowId: id, previousUpdatedAt, saved: draft.steps.map((s) => ({ stepKey: s.key, actionKeys: s.actions.map((a) => a.key) })) });
      if (!draft.id) history.replaceState(null, '', `?id=${encodeURIComponent(id)}`);
      setFeedback({ kind: 'ok', text: `Saved “${input.name}”.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: `The flow was not saved. ${describeSaveError(errorMessage(error))}` });
    } finally {
      setBusy(false);
    }
  };

  const exportFlow = async () => {
    if (!draft.id) return;
    setFeedback(null);
    try {
      const { json } = await send('cmd/flows/export', { id: draft.id });
      downloadJson(json, `flowbar-flow-${fileSlug(draft.name)}.json`);
      setFeedback({ kind: 'ok', text: dirty ? 'Exported the saved version of this flow (save to include your changes).' : 'Exported this flow.' });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    }
  };

  const deleteFlow = async () => {
    if (!draft.id) return;
    setBusy(true);
    try {
      await send('cmd/flows/delete', { id: draft.id });
      const name = draft.name.trim();
      const fresh = newFlowDraft();
      setDraft(fresh);
      setSavedJson(savedForm(fresh));
      setSubmitted(false);
      setConfirmDelete(false);
      history.replaceState(null, '', location.pathname);
      setFeedback({ kind: 'ok', text: `Deleted “${name}”. You can make a new flow here.` });
      requestFocus(`#${CSS.escape(`${ids}-name`)}`);
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const stepCount = draft.steps.length;
  const warningsFor = (stepIndex: number) => (action: ActionDraft) => variableWarnings(draft, stepIndex, action, scopedSet);

  return (
    <form className="flow-editor" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${ids}-title`}>
      <header className="page-header">
        <div className="page-width header-row">
          <h1 id={`${ids}-title`}>
            {draft.id ? 'Edit flow' : 'New flow'}
            {dirty && <span className="unsaved"> · unsaved changes</span>}
          </h1>
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy}>
              Save flow
            </button>
            <button type="button" disabled={!storedFlow || busy} onClick={() => void exportFlow()}>
              Export
            </button>
            <button type="button" className="danger" disabled={!storedFlow || busy} aria-expanded={confirmDelete} onClick={() => setConfirmDelete((c) => !c)}>
              Delete flow
            </button>
          </div>
        </div>
      </header>

      <main className="page-width">
        {confirmDelete && (
          <div className="panel confirm" role="group" aria-label="Confirm deletion">
            <p>Delete “{draft.name.trim() || 'this flow'}” for good? This cannot be undone.</p>
            <div className="button-row">
              <button type="button" className="danger" disabled={busy} onClick={() => void deleteFlow()}>
                Delete
              </button>
              <button type="button" autoFocus onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </div>
          </div>
        )}
        <div className="feedback-slot">
          <FeedbackMessage feedback={feedback} />
        </div>

        <section className="panel flow-meta" aria-label="Flow">
          <div className="field">
            <label htmlFor={`${ids}-name`}>Flow name</label>
            <input
              id={`${ids}-name`}
              type="text"
              value={draft.name}
              required
              maxLength={200}
              aria-invalid={shownErrors.has('flow:name') || undefined}
              aria-describedby={shownErrors.has('flow:name') ? `${ids}-name-error` : undefined}
              onChange={(e) => edit((d) => ({ ...d, name: e.target.value }))}
            />
            {shownErrors.has('flow:name') && (
              <p id={`${ids}-name-error`} className="field-error">
                {shownErrors.get('flow:name')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-description`}>Description</label>
            <textarea
              id={`${ids}-description`}
              rows={2}
              maxLength={2000}
              value={draft.description}
              onChange={(e) => edit((d) => ({ ...d, description: e.target.value }))}
            />
          </div>
          <p className="hint">
            Steps run one after the other; the actions of a step run at the same time. A later step reads an action’s answer as {'{{outputs.<action name>}}'}.
          </p>
        </section>

        <ol className="step-list" aria-label="Steps">
          {draft.steps.map((step, index) => (
            <StepEditor
              key={step.key}
              step={step}
              index={index}
              count={stepCount}
              outputs={earlierOutputs(draft, index)}
              scopedNames={scopedNames}
              warningsFor={warningsFor(index)}
              errors={shownErrors}
              onChange={(change) => edit((d) => draftOps.updateStep(d, step.key, change))}
              onMove={(by) => {
                edit((d) => draftOps.moveStep(d, index, by));
                requestFocus(`[data-focus="${step.key}:${by < 0 ? 'up' : 'down'}"]`, `[data-focus="${step.key}:${by < 0 ? 'down' : 'up'}"]`);
              }}
              onDuplicate={() => {
                const result = draftOps.duplicateStep(draft, index);
                edit(() => result.draft);
                requestFocus(`[data-focus="${result.step.key}:name"]`);
              }}
              onRemove={() => {
                const neighbour = draft.steps[index + 1] ?? draft.steps[index - 1];
                edit((d) => draftOps.removeStep(d, index));
                requestFocus(neighbour ? `[data-focus="${neighbour.key}:name"]` : '[data-focus="add-step"]');
              }}
              onActionChange={(actionKey, change) => edit((d) => draftOps.updateAction(d, actionKey, change))}
              onAddAction={() => {
                const result = draftOps.addAction(draft, step.key);
                edit(() => result.draft);
                requestFocus(`[data-focus="${result.action.key}:name"]`);
              }}
              onMoveAction={(actionIndex, by) => {
                const key = step.actions[actionIndex].key;
                edit((d) => draftOps.moveAction(d, step.key, actionIndex, by));
                requestFocus(`[data-focus="${key}:${by < 0 ? 'left' : 'right'}"]`, `[data-focus="${key}:${by < 0 ? 'right' : 'left'}"]`);
              }}
              onDuplicateAction={(actionIndex) => {
                const result = draftOps.duplicateAction(draft, step.key, actionIndex);
                edit(() => result.draft);
                requestFocus(`[data-focus="${result.action.key}:name"]`);
              }}
              onRemoveAction={(actionIndex) => {
                const neighbour = step.actions[actionIndex + 1] ?? step.actions[actionIndex - 1];
                edit((d) => draftOps.removeAction(d, step.key, actionIndex));
                requestFocus(neighbour ? `[data-focus="${neighbour.key}:name"]` : `[data-focus="${step.key}:add"]`);
              }}
              onFocusRequest={requestFocus}
            />
          ))}
        </ol>
        <div className="button-row add-step-row">
          <button
            type="button"
            data-focus="add-step"
            onClick={() => {
              const result = draftOps.addStep(draft);
              edit(() => result.draft);
              requestFocus(`[data-focus="${result.step.key}:name"]`);
            }}
          >
            <span aria-hidden="true">+ </span>Add step
          </button>
        </div>
      </main>
    </form>
  );
}
