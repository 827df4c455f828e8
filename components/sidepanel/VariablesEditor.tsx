import { useState } from 'react';
import { selectInstance, selectMergedVariables, selectMissingVariables, selectTemplateVariables } from '@/lib/execution';
import { useAppSelector } from '@/components/storeHooks';
import { VariableField, type VariableSource } from './VariableField';

type ScopeLayers = { user: Record<string, string> | null; org: Record<string, string> | null; project: Record<string, string> | null };

function sourceOf(variables: { userValues: Record<string, string>; scopedValues: Record<string, string>; computedValues: Record<string, string> } | undefined, layers: ScopeLayers, name: string): VariableSource {
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
 * variable is missing; the user can show or hide it otherwise.
 */
export function VariablesEditor({ instanceId }: { instanceId: string }) {
  const names = useAppSelector((state) => selectTemplateVariables(state, instanceId));
  const merged = useAppSelector((state) => selectMergedVariables(state, instanceId));
  const missing = useAppSelector((state) => selectMissingVariables(state, instanceId));
  const variables = useAppSelector((state) => selectInstance(state, instanceId)?.variables);
  const layers = useAppSelector((state) => state.scopedVariables);
  const initiallyShown = useAppSelector((state) => selectInstance(state, instanceId)?.ui.showVariables ?? false);
  const [shown, setShown] = useState(initiallyShown);

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
            />
          ))}
        </div>
      )}
    </section>
  );
}
