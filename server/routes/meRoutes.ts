import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { epochMs, meResponse, serverId } from '../../lib/sync/syncSchemas.ts';
import { newApiToken } from '../auth/apiToken.ts';
import { asUser } from '../db/asUser.ts';
import { HttpError } from '../httpError.ts';
import { responses, type RouteOptions } from './routeSupport.ts';

const tokenInfo = z.strictObject({
  id: serverId,
  name: z.string(),
  createdAt: epochMs,
  expiresAt: epochMs.nullable(),
  revokedAt: epochMs.nullable(),
  /** the token this request was made with */
  current: z.boolean(),
});
const ms = (date: Date | null) => (date ? new Date(date).getTime() : null);

export const meRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { db }) => {
  app.get(
    '/me',
    { schema: { summary: 'The token’s user, with the orgs and projects they belong to', tags: ['me'], response: responses({ 200: meResponse }) } },
    async (request) =>
      asUser(db, request.auth.userId, async (tx) => {
        const user = await tx.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', request.auth.userId).executeTakeFirstOrThrow();
        const orgs = await tx
          .selectFrom('memberships')
          .innerJoin('orgs', 'orgs.id', 'memberships.org_id')
          .select(['orgs.id', 'orgs.name', 'memberships.role', 'orgs.collect_runs', 'orgs.collect_run_text'])
          .where('memberships.user_id', '=', request.auth.userId)
          .orderBy('orgs.name')
          .execute();
        const projects = orgs.length
          ? await tx
              .selectFrom('projects')
              .select(['id', 'org_id', 'name', 'created_at'])
              .where(
                'org_id',
                'in',
                orgs.map((o) => o.id),
              )
              .orderBy('name')
              .execute()
          : [];
        return {
          user,
          orgs: orgs.map((org) => ({
            id: org.id,
            name: org.name,
            role: org.role,
            settings: { collectRuns: org.collect_runs, collectRunText: org.collect_run_text },
            projects: projects.filter((p) => p.org_id === org.id).map((p) => ({ id: p.id, name: p.name, createdAt: new Date(p.created_at).getTime() })),
          })),
        };
      }),
  );

  app.get(
    '/me/tokens',
    {
      schema: { summary: 'Your API tokens (never their secrets)', tags: ['me'], response: responses({ 200: z.strictObject({ tokens: z.array(tokenInfo) }) }) },
    },
    async (request) =>
      asUser(db, request.auth.userId, async (tx) => {
        const rows = await tx
          .selectFrom('api_tokens')
          .select(['id', 'name', 'created_at', 'expires_at', 'revoked_at'])
          .where('user_id', '=', request.auth.userId)
          .orderBy('created_at')
          .execute();
        return {
          tokens: rows.map((t) => ({
            id: t.id,
            name: t.name,
            createdAt: ms(t.created_at)!,
            expiresAt: ms(t.expires_at),
            revokedAt: ms(t.revoked_at),
            current: t.id === request.auth.tokenId,
          })),
        };
      }),
  );

  app.post(
    '/me/tokens',
    {
      schema: {
        summary: 'Make an API token; its secret is in this response only',
        tags: ['me'],
        body: z.strictObject({ name: z.string().min(1).max(200), expiresInDays: z.number().int().min(1).max(3650).optional() }),
        response: responses({ 200: z.strictObject({ id: serverId, name: z.string(), token: z.string(), expiresAt: epochMs.nullable() }) }),
      },
    },
    async (request) => {
      const { token, hash } = newApiToken();
      const expiresAt = request.body.expiresInDays ? new Date(Date.now() + request.body.expiresInDays * 86_400_000) : null;
      return asUser(db, request.auth.userId, async (tx) => {
        const row = await tx
          .insertInto('api_tokens')
          .values({ user_id: request.auth.userId, name: request.body.name, token_hash: hash, expires_at: expiresAt, revoked_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('audit_log').values({ org_id: null, user_id: request.auth.userId, action: 'token.create', target_id: row.id }).execute();
        return { id: row.id, name: request.body.name, token, expiresAt: ms(expiresAt) };
      });
    },
  );

  app.delete(
    '/me/tokens/:tokenId',
    {
      schema: {
        summary: 'Revoke one of your API tokens (at once: its next request gets 401)',
        tags: ['me'],
        params: z.strictObject({ tokenId: serverId }),
        response: responses({ 200: z.strictObject({ revoked: z.literal(true) }) }),
      },
    },
    async (request) =>
      asUser(db, request.auth.userId, async (tx) => {
        const revoked = await tx
          .updateTable('api_tokens')
          .set({ revoked_at: new Date() })
          .where('id', '=', request.params.tokenId)
          .where('revoked_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!revoked) throw new HttpError(404, 'token_not_found', 'No such token of yours, or it is revoked already.');
        await tx.insertInto('audit_log').values({ org_id: null, user_id: request.auth.userId, action: 'token.revoke', target_id: revoked.id }).execute();
        return { revoked: true as const };
      }),
  );
};
