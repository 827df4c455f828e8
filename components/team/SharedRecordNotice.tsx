import type { SyncKind } from '@/lib/sync/syncSchemas';
import { useSharedRecord } from './useSharedRecord';

/** Above an editor: whose record this is, and why it cannot be saved when the role does not allow it. */
export function SharedRecordNotice({ kind, id }: { kind: SyncKind; id: string | null }) {
  const { shared, editable, orgName, projectName } = useSharedRecord(kind, id);
  if (!shared) return null;
  const where = projectName ? `${orgName} / ${projectName}` : orgName;
  return editable ? (
    <p className="hint shared-notice">
      Shared with {where} (version {shared.version}): saving sends your change to the team.
    </p>
  ) : (
    <p className="hint shared-notice" role="note">
      Shared by {where}, where you are a viewer: you can run this {kind} but not change it.
    </p>
  );
}
