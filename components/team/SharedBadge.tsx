import type { SyncKind } from '@/lib/sync/syncSchemas';
import { useSharedRecord } from './useSharedRecord';

/** "Shared" on a library card: the org (and project) it belongs to, read-only for viewers, an edit waiting to sync. */
export function SharedBadge({ kind, id }: { kind: SyncKind; id: string }) {
  const { shared, editable, orgName, projectName } = useSharedRecord(kind, id);
  if (!shared) return null;
  const where = projectName ? `${orgName} / ${projectName}` : orgName;
  return (
    <>
      <span className="badge" title={`Shared with ${where}`}>
        Shared · {where}
      </span>
      {!editable && <span className="badge badge-muted">Read-only</span>}
      {shared.pending === 'edit' && <span className="badge badge-muted">Not synced yet</span>}
      {shared.pending === 'conflict' && <span className="badge badge-warn">Conflict</span>}
    </>
  );
}
