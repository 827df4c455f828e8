import { useAppSelector } from '@/components/storeHooks';
import type { TeamStatus } from '@/lib/team/teamSlice';

const LABEL: Record<TeamStatus, string> = { signedOut: '', syncing: 'Syncing…', online: 'Synced', offline: 'Offline', refused: 'Sync refused' };

/** Whether the team server answers; "Offline" blocks nothing: the local copy is used meanwhile. */
export function TeamStatusBadge() {
  const status = useAppSelector((state) => state.team.status);
  const message = useAppSelector((state) => state.team.message);
  if (status === 'signedOut') return null;
  return (
    <span className={`badge team-status team-status-${status}`} role="status" title={message ?? undefined}>
      {LABEL[status]}
    </span>
  );
}
