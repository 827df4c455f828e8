import type { SyncKind, SyncRecord } from '../../lib/sync/syncSchemas.ts';

export const syncTables = { prompt: 'prompts', flow: 'flows', variable: 'variables' } as const satisfies Record<SyncKind, string>;
export const syncKinds = Object.keys(syncTables) as SyncKind[];

export interface SyncedRow {
  id: string;
  project_id: string | null;
  body: unknown;
  version: number;
  updated_by: string;
  updated_at: Date;
  /** variables only: set for a user variable (its owner's) */
  user_id?: string | null;
}

/** A stored row as the wire record (lib/sync/syncSchemas.ts syncRecord). */
export function toSyncRecord(kind: SyncKind, row: SyncedRow): SyncRecord {
  return {
    kind,
    id: row.id,
    projectId: row.project_id,
    version: row.version,
    updatedAt: new Date(row.updated_at).getTime(),
    updatedBy: row.updated_by,
    ...(kind === 'variable' && row.user_id && { scope: 'user' as const }),
    body: (row.body ?? null) as never,
  };
}
