import { sql } from 'kysely';
import type { SyncChange, SyncRecord } from '../../lib/sync/syncSchemas.ts';
import type { Tx } from '../db/asUser.ts';
import { HttpError } from '../httpError.ts';
import { syncTables, toSyncRecord } from './syncTables.ts';

const recordColumns = ['id', 'project_id', 'body', 'version', 'updated_by', 'updated_at'] as const;

/**
 * Applies a push all or nothing: every change must start from the version the server holds (0 for a
 * new record); one stale change refuses the whole push with 409 and the server's copies.
 */
export async function applyPush(
  tx: Tx,
  userId: string,
  orgId: string,
  changes: SyncChange[],
): Promise<{ kind: SyncChange['kind']; id: string; version: number }[]> {
  // Writers of one org take turns, so change numbers commit in order and a pull never skips one
  // that commits late (a cursor is "everything up to N").
  await sql`select pg_advisory_xact_lock(hashtextextended(${`flowbar-sync:${orgId}`}, 0))`.execute(tx);

  const projectIds = [...new Set(changes.map((c) => c.projectId).filter((id): id is string => id !== null))];
  if (projectIds.length) {
    const known = new Set((await tx.selectFrom('projects').select('id').where('org_id', '=', orgId).where('id', 'in', projectIds).execute()).map((p) => p.id));
    const unknown = projectIds.filter((id) => !known.has(id));
    if (unknown.length) throw new HttpError(400, 'unknown_project', `No project ${unknown.join(', ')} in this org.`);
  }

  const conflicts: { kind: SyncChange['kind']; id: string; baseVersion: number; current: SyncRecord | null }[] = [];
  const currentVersions = new Map<SyncChange, number>();
  for (const change of changes) {
    const table = syncTables[change.kind];
    const current = await tx.selectFrom(table).select(recordColumns).where('org_id', '=', orgId).where('id', '=', change.id).forUpdate().executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== change.baseVersion) {
      conflicts.push({ kind: change.kind, id: change.id, baseVersion: change.baseVersion, current: current ? toSyncRecord(change.kind, current) : null });
      continue;
    }
    currentVersions.set(change, currentVersion);
    if (change.kind === 'variable' && change.body) {
      // Another live variable of the same name and scope: the user chooses, as for a stale edit.
      const sameName = await tx
        .selectFrom('variables')
        .select(recordColumns)
        .where('org_id', '=', orgId)
        .where('name', '=', change.body.name)
        .where(sql<boolean>`project_id is not distinct from ${change.projectId}`)
        .where('body', 'is not', null)
        .where('id', '<>', change.id)
        .executeTakeFirst();
      if (sameName) conflicts.push({ kind: 'variable', id: change.id, baseVersion: change.baseVersion, current: toSyncRecord('variable', sameName) });
    }
  }
  if (conflicts.length) {
    throw new HttpError(
      409,
      'conflict',
      `${conflicts.length} of ${changes.length} changes started from an old version; nothing was saved. Pull, then choose which copy to keep.`,
      { conflicts },
    );
  }

  const applied = [];
  for (const change of changes) {
    const table = syncTables[change.kind];
    const version = (currentVersions.get(change) ?? 0) + 1;
    const values = {
      project_id: change.projectId,
      body: change.body === null ? null : sql`${JSON.stringify(change.body)}::jsonb`,
      version,
      change_seq: sql<string>`nextval('sync_change_seq')`,
      updated_by: userId,
      updated_at: sql<Date>`now()`,
    };
    if (version === 1)
      await tx
        .insertInto(table)
        .values({ org_id: orgId, id: change.id, ...values })
        .execute();
    else
      await tx
        .updateTable(table)
        .set(values as never)
        .where('org_id', '=', orgId)
        .where('id', '=', change.id)
        .execute();
    await tx
      .insertInto('audit_log')
      .values({
        org_id: orgId,
        user_id: userId,
        action: `${change.kind}.${change.body === null ? 'delete' : version === 1 ? 'create' : 'update'}`,
        target_id: change.id,
        version,
      })
      .execute();
    applied.push({ kind: change.kind, id: change.id, version });
  }
  return applied;
}
