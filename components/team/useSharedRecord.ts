import { useAppSelector } from '@/components/storeHooks';
import type { SyncKind } from '@/lib/sync/syncSchemas';
import { canEditRecord, sharedInfo } from '@/lib/team/teamSlice';

/** A library record's team facts: shared by which org, and whether this user may change it. */
export function useSharedRecord(kind: SyncKind, id: string | null) {
  const shared = useAppSelector((state) => (id ? sharedInfo(state, kind, id) : undefined));
  const editable = useAppSelector((state) => (id ? canEditRecord(state, kind, id) : true));
  const org = useAppSelector((state) => (shared ? state.team.orgs.find((o) => o.id === shared.orgId) : undefined));
  const project = org?.projects.find((p) => p.id === shared?.projectId);
  return { shared, editable, orgName: org?.name ?? 'your org', projectName: project?.name ?? null, role: org?.role ?? null };
}
