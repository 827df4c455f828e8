import { useCallback, useState } from 'react';
import { useStore } from 'react-redux';
import { selectInstance, selectIsInstanceBusy, selectMergedVariables, selectMissingVariables, selectTemplateVariables } from '@/lib/execution';
import type { RootState } from '@/lib/store/rootReducer';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';
import { focusVariableField, VariableField, type VariableSource } from './VariableField';

type ScopeLayers = { user: Record<string, string> | null; org: Record<string, string> | null; project: Record<string, string> | null };

function sourceOf(
  variables: { userValues: Record<string, string>; scopedValues: Record<string, string>; computedValues: Record<string, string> } | undefined,
  layers: ScopeLayers,
  name: string,
): VariableSource {
  if (!variables) return 'none';
  const set = (v: string | undefined) => typeof v === 'string' && v.trim() !== '';
  if (set(variables.computedValues[name])) return 'page';
  if (set(variables.userValues[name])) return 'entered';
  if (set(variables.scopedValues[name])) {
    // The layer it came from (project over org over user, as mergeScopedValues does); org and project values are the team server's when an org is chosen.
    if (set(layers.project?.[name])) return 'project';
    if (set(layers.org?.[name])) return 'org';
    return 'user';
  }
  return 'none';
}

/**
 * The instance's template variables, one field each. Shown when the prompt asks for it or a
 * variable is missing; the user can show or hide it otherwise. Enter in a one-line field runs a
 * prompt not run yet, or takes the focus to the next field still empty.
 */
export function VariablesEditor({ instanceId }: { instanceId: string }) {
  const names = useAppSelector((state) => selectTemplateVariables(state, instanceId));
  const merged = useAppSelector((state) => selectMergedVariables(state, instanceId));
  const missing = useAppSelector((state) => selectMissingVariables(state, instanceId));
  const variables = useAppSelector((state) => selectInstance(state, instanceId)?.variables);
  const layers = useAppSelector((state) => state.scopedVariables);
  const initiallyShown = useAppSelector((state) => selectInstance(state, instanceId)?.ui.showVariables ?? false);
  const [shown, setShown] = useState(initiallyShown);
  const send = useCommand();
  const store = useStore<RootState>();
  const { run: runCommand, error: runError, clearError: clearRunError } = useCommandAction();
  const instanceError = useAppSelector((state) => selectInstance(state, instanceId)?.error?.message ?? null);

  const runFromField = useCallback(
    (name: string, draft: string) => {
      const state = store.getState();
      const instance = selectInstance(state, instanceId);
      if (!instance || instance.status !== 'idle' || instance.conversation.messages.length > 0 || selectIsInstanceBusy(state, instanceId)) return;
      // The store may not have this field's value yet: its draft counts.
      const stillMissing = selectMissingVariables(state, instanceId).filter((n) => n !== name || !draft.trim());
      if (stillMissing.length > 0) focusVariableField(instanceId, stillMissing[0]);
      else void runCommand(() => send('cmd/instance/send', { instanceId }));
    },
    [instanceId, runCommand, send, store],
  );

  if (names.length === 0) return null;
  const forced = missing.length > 0;
  // Once shown for a missing value it stays open, so filling the field in does not hide it.
  if (forced && !shown) setShown(true);
  const open = shown || forced;
  const contentId = `variables-${instanceId}`;

  return (
    <section className={forced ? 'variables variables-missing' : 'variables'} aria-label="Variables">
      <div className="section-row">
        {forced ? (
          <span className="variables-heading">
            Variables <span className="muted">({names.length})</span>
          </span>
        ) : (
          <button type="button" className="disclosure" aria-expanded={open} aria-controls={contentId} onClick={() => setShown((s) => !s)}>
            Variables <span className="muted">({names.length})</span>
          </button>
        )}
      </div>
      {forced && (
        <p className="missing-note" id={`${contentId}-missing`}>
          Missing: {missing.join(', ')}
        </p>
      )}
      {open && (
        <div id={contentId} className="variables-fields">
          {names.map((name) => (
            <VariableField
              key={name}
              instanceId={instanceId}
              name={name}
              value={merged[name] ?? ''}
              source={sourceOf(variables, layers, name)}
              missing={missing.includes(name)}
              onSubmit={runFromField}
            />
          ))}
        </div>
      )}
      <InlineError message={runError === instanceError ? null : runError} onDismiss={clearRunError} />
    </section>
  );
}
