import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  pullQuery,
  pullResponse,
  pushConflict,
  pushRequest,
  pushResponse,
  scopedVariablesResponse,
  serverId,
  type SyncKind,
} from '../../lib/sync/syncSchemas.ts';
import { anyRole, requireRole, writerRoles } from '../auth/requireRole.ts';
import { asUser } from '../db/asUser.ts';
import { HttpError } from '../httpError.ts';
import { applyPush } from '../sync/applyPush.ts';
import { decodeCursor, encodeCursor } from '../sync/syncCursor.ts';
import { syncKinds, syncTables, toSyncRecord } from '../sync/syncTables.ts';
import { orgParams, responses, type RouteOptions } from './routeSupport.ts';

export const syncRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { db }) => {
  app.get(
    '/orgs/:orgId/sync',
    {
      schema: {
        summary: 'Pull the prompts, flows and variables changed after a cursor (all of them without one), oldest first',
        tags: ['sync'],
        params: orgParams,
        querystring: pullQuery,
        response: responses({ 200: pullResponse }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const after = decodeCursor(request.query.cursor, orgId);
      const limit = request.query.limit;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, anyRole, 'read');
        // One statement over the three tables, oldest change first (a merge of their (org_id, change_seq) indexes).
        const [first, ...rest] = syncKinds.map((kind) =>
          tx
            .selectFrom(syncTables[kind])
            .select([
              sql<SyncKind>`${sql.lit(kind)}::text`.as('kind'),
              'id',
              'project_id',
              'body',
              'version',
              'updated_by',
              'updated_at',
              'change_seq',
              // only the caller's own user variables are visible (row-level security, 0004)
              kind === 'variable' ? sql<string | null>`user_id`.as('user_id') : sql<string | null>`null::uuid`.as('user_id'),
            ])
            .where('org_id', '=', orgId)
            .where('change_seq', '>', after),
        );
        const rows = await rest
          .reduce((union, next) => union.unionAll(next), first)
          .orderBy('change_seq')
          .limit(limit + 1)
          .execute();
        const found = rows.map((row) => ({ seq: BigInt(row.change_seq), record: toSyncRecord(row.kind, row) }));
        const page = found.slice(0, limit);
        const last = page.at(-1);
        return { changes: page.map((c) => c.record), cursor: encodeCursor(orgId, last ? last.seq.toString() : after), more: found.length > limit };
      });
    },
  );

  app.post(
    '/orgs/:orgId/sync/push',
    {
      schema: {
        summary: 'Push edits, each with the version it started from; all or nothing (409 with the current records when one is stale)',
        tags: ['sync'],
        params: orgParams,
        body: pushRequest,
        response: { ...responses({ 200: pushResponse }), 409: pushConflict },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      return asUser(db, request.auth.userId, async (tx) => {
        // A viewer may push their own user variables, nothing shared.
        const onlyOwn = request.body.changes.every((c) => c.kind === 'variable' && c.scope === 'user');
        await requireRole(tx, request.auth.userId, orgId, onlyOwn ? anyRole : writerRoles, 'edit shared prompts, flows or variables');
        return { applied: await applyPush(tx, request.auth.userId, orgId, request.body.changes) };
      });
    },
  );

  app.get(
    '/orgs/:orgId/variables',
    {
      schema: {
        summary: "The org's variables and (with projectId) the project's: the server half of fetchScopedVariables",
        tags: ['variables'],
        params: orgParams,
        querystring: z.strictObject({ projectId: serverId.optional() }),
        response: responses({ 200: scopedVariablesResponse }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const { projectId } = request.query;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, anyRole, 'read variables');
        if (projectId) {
          const project = await tx.selectFrom('projects').select('id').where('org_id', '=', orgId).where('id', '=', projectId).executeTakeFirst();
          if (!project) throw new HttpError(404, 'project_not_found', 'No such project in this org.');
        }
        const rows = await tx
          .selectFrom('variables')
          .select(['project_id', 'body'])
          .where('org_id', '=', orgId)
          .where('body', 'is not', null)
          .where('user_id', 'is', null)
          .where((eb) => (projectId ? eb.or([eb('project_id', 'is', null), eb('project_id', '=', projectId)]) : eb('project_id', 'is', null)))
          .execute();
        const result = { org: {} as Record<string, string>, project: {} as Record<string, string> };
        for (const row of rows) {
          const body = row.body as { name: string; value: string };
          (row.project_id ? result.project : result.org)[body.name] = body.value;
        }
        return result;
      });
    },
  );
};
