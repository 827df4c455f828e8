import { useState } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { errorMessage } from '@/components/options/errorMessage';
import { selectTeamOrg } from '@/lib/team/teamSlice';
import { useSharedRecord } from './useSharedRecord';

/** Shares a local prompt or flow with the org (and project) chosen in the panel. Local records stay local until then. */
export function ShareButton({ kind, id, describedBy }: { kind: 'prompt' | 'flow'; id: string; describedBy?: string }) {
  const send = useCommand();
  const { shared } = useSharedRecord(kind, id);
  const org = useAppSelector(selectTeamOrg);
  const projectId = useAppSelector((state) => state.team.selection.projectId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (shared || !org || org.role === 'viewer') return null;
  const project = org.projects.find((p) => p.id === projectId);
  const share = async () => {
    setBusy(true);
    setError(null);
    try {
      await send('cmd/team/share', { kind, id, orgId: org.id, projectId: project?.id ?? null });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="small" aria-describedby={describedBy} disabled={busy} onClick={() => void share()}>
        Share with {project ? `${org.name} / ${project.name}` : org.name}
      </button>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </>
  );
}
