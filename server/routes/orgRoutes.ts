import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { epochMs, memberRole, membersResponse, orgSettings, projectInfo, serverId } from '../../lib/sync/syncSchemas.ts';
import { newApiToken } from '../auth/apiToken.ts';
import { adminRoles, anyRole, requireRole } from '../auth/requireRole.ts';
import { asUser } from '../db/asUser.ts';
import { HttpError } from '../httpError.ts';
import { orgParams, responses, type RouteOptions } from './routeSupport.ts';

export const orgRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { db }) => {
  app.post(
    '/orgs',
    {
      schema: {
        summary: 'Create an org; you become its owner',
        tags: ['orgs'],
        body: z.strictObject({ name: z.string().min(1).max(200) }),
        response: responses({ 200: z.strictObject({ id: serverId }) }),
      },
    },
    async (request) =>
      asUser(db, request.auth.userId, async (tx) => {
        const { rows } = await sql<{ id: string }>`select flowbar_create_org(${request.body.name}) as id`.execute(tx);
        return { id: rows[0].id };
      }),
  );

  app.patch(
    '/orgs/:orgId',
    {
      schema: {
        summary: 'Rename the org or change what it collects (owners and admins)',
        tags: ['orgs'],
        params: orgParams,
        body: z.strictObject({ name: z.string().min(1).max(200).optional(), ...orgSettings.partial().shape }),
        response: responses({ 200: z.strictObject({ id: serverId, name: z.string(), settings: orgSettings }) }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const { name, collectRuns, collectRunText } = request.body;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, adminRoles, 'change the org');
        let update = tx.updateTable('orgs').where('id', '=', orgId);
        update = update.set({
          ...(name !== undefined && { name }),
          ...(collectRuns !== undefined && { collect_runs: collectRuns }),
          ...(collectRunText !== undefined && { collect_run_text: collectRunText }),
        });
        const org =
          name === undefined && collectRuns === undefined && collectRunText === undefined
            ? await tx.selectFrom('orgs').select(['id', 'name', 'collect_runs', 'collect_run_text']).where('id', '=', orgId).executeTakeFirstOrThrow()
            : await update.returning(['id', 'name', 'collect_runs', 'collect_run_text']).executeTakeFirstOrThrow();
        await tx
          .insertInto('audit_log')
          .values({ org_id: orgId, user_id: request.auth.userId, action: 'org.update', target_id: orgId, detail: JSON.stringify(request.body) })
          .execute();
        return { id: org.id, name: org.name, settings: { collectRuns: org.collect_runs, collectRunText: org.collect_run_text } };
      });
    },
  );

  app.post(
    '/orgs/:orgId/projects',
    {
      schema: {
        summary: 'Create a project (owners and admins)',
        tags: ['orgs'],
        params: orgParams,
        body: z.strictObject({ name: z.string().min(1).max(200) }),
        response: responses({ 200: projectInfo }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, adminRoles, 'create projects');
        const project = await tx
          .insertInto('projects')
          .values({ org_id: orgId, name: request.body.name })
          .returning(['id', 'name', 'created_at'])
          .executeTakeFirstOrThrow();
        await tx.insertInto('audit_log').values({ org_id: orgId, user_id: request.auth.userId, action: 'project.create', target_id: project.id }).execute();
        return { id: project.id, name: project.name, createdAt: new Date(project.created_at).getTime() };
      });
    },
  );

  app.get(
    '/orgs/:orgId/members',
    {
      schema: {
        summary: "The org's members and their roles",
        tags: ['orgs'],
        params: orgParams,
        response: responses({ 200: membersResponse }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, anyRole, 'list members');
        const rows = await tx
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .select(['users.id as userId', 'users.email', 'users.name', 'memberships.role'])
          .where('memberships.org_id', '=', orgId)
          .orderBy('users.email')
          .execute();
        return { members: rows };
      });
    },
  );

  app.post(
    '/orgs/:orgId/members',
    {
      schema: {
        summary: 'Add a member (owners and admins). A new user gets a first API token, shown in this response only; an existing user keeps their own tokens.',
        tags: ['orgs'],
        params: orgParams,
        body: z.strictObject({
          email: z.email().max(320),
          name: z.string().min(1).max(200),
          role: memberRole,
          tokenExpiresInDays: z.number().int().min(1).max(3650).optional(),
        }),
        response: responses({ 200: z.strictObject({ userId: serverId, created: z.boolean(), token: z.string().nullable() }) }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const { email, name, role, tokenExpiresInDays } = request.body;
      const { token, hash } = newApiToken();
      const expiresAt = tokenExpiresInDays ? new Date(Date.now() + tokenExpiresInDays * 86_400_000) : null;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, adminRoles, 'add members');
        const already = await tx
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .select('users.id')
          .where('memberships.org_id', '=', orgId)
          .where('users.email', '=', email.toLowerCase())
          .executeTakeFirst();
        if (already) throw new HttpError(409, 'already_member', `${email} is a member of this org already.`);
        const { rows } = await sql<{ out_user_id: string; out_created: boolean; out_token_id: string | null }>`
          select * from flowbar_add_member(${orgId}::uuid, ${email}, ${name}, ${role}, ${hash}, ${'first token'}, ${expiresAt}::timestamptz)`.execute(tx);
        const added = rows[0];
        return { userId: added.out_user_id, created: added.out_created, token: added.out_token_id ? token : null };
      });
    },
  );

  app.get(
    '/orgs/:orgId/audit',
    {
      schema: {
        summary: "The org's audit log, newest first (owners and admins)",
        tags: ['orgs'],
        params: orgParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: responses({
          200: z.strictObject({
            entries: z.array(
              z.strictObject({
                at: epochMs,
                userId: serverId.nullable(),
                action: z.string(),
                targetId: z.string().nullable(),
                version: z.number().int().nullable(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, adminRoles, 'read the audit log');
        const rows = await tx
          .selectFrom('audit_log')
          .select(['at', 'user_id', 'action', 'target_id', 'version'])
          .where('org_id', '=', orgId)
          .orderBy('id', 'desc')
          .limit(request.query.limit)
          .execute();
        return { entries: rows.map((r) => ({ at: new Date(r.at).getTime(), userId: r.user_id, action: r.action, targetId: r.target_id, version: r.version })) };
      });
    },
  );
};
