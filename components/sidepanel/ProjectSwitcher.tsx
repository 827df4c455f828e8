import { useState } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { TeamStatusBadge } from '@/components/team/TeamStatusBadge';
import { errorMessage } from './format';

/**
 * The panel's org and project: they choose the org and project variables of the next run and where
 * runs are recorded. Shown once a team server is connected (options → Team).
 */
export function ProjectSwitcher() {
  const send = useCommand();
  const connected = useAppSelector((state) => state.team.connected);
  const orgs = useAppSelector((state) => state.team.orgs);
  const { orgId, projectId } = useAppSelector((state) => state.team.selection);
  const [error, setError] = useState<string | null>(null);
  if (!connected) return null;
  const org = orgs.find((o) => o.id === orgId);
  const select = (next: { orgId: string | null; projectId: string | null }) => {
    setError(null);
    send('cmd/team/select', next).catch((caught: unknown) => setError(errorMessage(caught)));
  };
  return (
    <div className="project-switcher" role="group" aria-label="Team project">
      <label>
        <span className="visually-hidden">Org</span>
        <select aria-label="Org" value={orgId ?? ''} onChange={(e) => select({ orgId: e.target.value || null, projectId: null })}>
          <option value="">No org (this browser only)</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
              {o.role === 'viewer' ? ' (viewer)' : ''}
            </option>
          ))}
        </select>
      </label>
      {org && (
        <label>
          <span className="visually-hidden">Project</span>
          <select aria-label="Project" value={projectId ?? ''} onChange={(e) => select({ orgId: org.id, projectId: e.target.value || null })}>
            <option value="">Whole org</option>
            {org.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <TeamStatusBadge />
      <button type="button" className="small" onClick={() => void send('cmd/team/sync', {}).catch((caught: unknown) => setError(errorMessage(caught)))}>
        Sync
      </button>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
