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

  for (const change of changes)
    if (change.kind === 'variable' && change.scope === 'user' && change.projectId !== null)
      throw new HttpError(400, 'invalid_request', `A user variable belongs to no project (${change.id}).`);

  const conflicts: { kind: SyncChange['kind']; id: string; baseVersion: number; current: SyncRecord | null }[] = [];
  const currentVersions = new Map<SyncChange, number>();
  for (const change of changes) {
    const table = syncTables[change.kind];
    // Row-level security hides a colleague's user variable: it reads as never seen (0), like another org's id.
    const current =
      change.kind === 'variable'
        ? await tx
            .selectFrom('variables')
            .select([...recordColumns, 'user_id'])
            .where('org_id', '=', orgId)
            .where('id', '=', change.id)
            .forUpdate()
            .executeTakeFirst()
        : await tx.selectFrom(table).select(recordColumns).where('org_id', '=', orgId).where('id', '=', change.id).forUpdate().executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (current && change.kind === 'variable' && (('user_id' in current ? current.user_id : null) !== null) !== (change.scope === 'user'))
      throw new HttpError(
        400,
        'scope_mismatch',
        `Variable ${change.id} is ${change.scope === 'user' ? 'shared with the org' : 'a user variable'}: a variable keeps the scope it was created in.`,
      );
    if (currentVersion !== change.baseVersion) {
      conflicts.push({ kind: change.kind, id: change.id, baseVersion: change.baseVersion, current: current ? toSyncRecord(change.kind, current) : null });
      continue;
    }
    currentVersions.set(change, currentVersion);
    if (change.kind === 'variable' && change.body) {
      // Another live variable of the same name and scope: the user chooses, as for a stale edit.
      const sameName = await tx
        .selectFrom('variables')
        .select([...recordColumns, 'user_id'])
        .where('org_id', '=', orgId)
        .where('name', '=', change.body.name)
        .where(sql<boolean>`project_id is not distinct from ${change.projectId}`)
        .where(sql<boolean>`user_id is not distinct from ${change.scope === 'user' ? userId : null}::uuid`)
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
    const userScope = change.kind === 'variable' && change.scope === 'user';
    if (version === 1)
      try {
        await tx
          .insertInto(table)
          .values({ org_id: orgId, id: change.id, ...values, ...(userScope && { user_id: userId }) })
          .execute();
      } catch (error) {
        // The id is taken by a row this user may not see (a colleague's user variable): refused, nothing of it shown.
        if ((error as { code?: string }).code === '23505')
          throw new HttpError(409, 'conflict', `Record ${change.id} cannot be created; nothing was saved. Pull, then choose which copy to keep.`, {
            conflicts: [{ kind: change.kind, id: change.id, baseVersion: change.baseVersion, current: null }],
          });
        throw error;
      }
    else
      await tx
        .updateTable(table)
        .set(values as never)
        .where('org_id', '=', orgId)
        .where('id', '=', change.id)
        .execute();
    // A user variable is its owner's only: the org's audit log (read by owners and admins) does not name it.
    if (!userScope)
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
