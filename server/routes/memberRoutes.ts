import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberRemovedResponse, memberRoleRequest, memberRoleResponse, serverId } from '../../lib/sync/syncSchemas.ts';
import { adminRoles, requireRole } from '../auth/requireRole.ts';
import type { Tx } from '../db/asUser.ts';
import { asUser } from '../db/asUser.ts';
import type { RoleName } from '../db/schema.ts';
import { HttpError } from '../httpError.ts';
import { responses, type RouteOptions } from './routeSupport.ts';

// Changing a member's role and removing a member (owners and admins). The route says why a change is
// refused; row-level security and the keep-an-owner trigger (server/migrations/0003_member_roles.ts)
// refuse the same again, also for a race the route's checks cannot see.

const memberParams = z.strictObject({ orgId: serverId, userId: serverId });

async function targetOf(tx: Tx, orgId: string, userId: string, callerRole: RoleName, newRole: RoleName | null) {
  const target = await tx.selectFrom('memberships').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  if (!target) throw new HttpError(404, 'member_not_found', 'That user is not a member of this org.');
  if ((target.role === 'owner' || newRole === 'owner') && callerRole !== 'owner')
    throw new HttpError(403, 'forbidden', 'Only an owner makes or unmakes an owner.');
  if (target.role === 'owner' && newRole !== 'owner') {
    const owners = await tx
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    if (Number(owners.n) <= 1) throw lastOwner();
  }
  return target.role;
}

const lastOwner = () => new HttpError(409, 'last_owner', 'An org keeps at least one owner: make someone else an owner first.');
/** the database refused a row the route's checks allowed (row-level security): nothing changed */
const refused = () => new HttpError(403, 'forbidden', 'The database refused this change for your role.');

export const memberRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { db }) => {
  app.patch(
    '/orgs/:orgId/members/:userId',
    {
      schema: {
        summary: "Change a member's role (owners and admins; only an owner makes or unmakes an owner; the last owner stays one)",
        tags: ['orgs'],
        params: memberParams,
        body: memberRoleRequest,
        response: responses({ 200: memberRoleResponse }),
      },
    },
    async (request) => {
      const { orgId, userId } = request.params;
      const { role } = request.body;
      return asUser(db, request.auth.userId, async (tx) => {
        const callerRole = await requireRole(tx, request.auth.userId, orgId, adminRoles, "change members' roles");
        const from = await targetOf(tx, orgId, userId, callerRole, role);
        if (from === role) return { userId, role };
        const updated = await tx.updateTable('memberships').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw refused();
        await tx
          .insertInto('audit_log')
          .values({ org_id: orgId, user_id: request.auth.userId, action: 'member.role', target_id: userId, detail: JSON.stringify({ from, to: role }) })
          .execute();
        return { userId, role };
      });
    },
  );

  app.delete(
    '/orgs/:orgId/members/:userId',
    {
      schema: {
        summary: 'Remove a member from the org (owners and admins; only an owner removes an owner; the last owner stays). The user and their tokens remain.',
        tags: ['orgs'],
        params: memberParams,
        response: responses({ 200: memberRemovedResponse }),
      },
    },
    async (request) => {
      const { orgId, userId } = request.params;
      return asUser(db, request.auth.userId, async (tx) => {
        const callerRole = await requireRole(tx, request.auth.userId, orgId, adminRoles, 'remove members');
        const role = await targetOf(tx, orgId, userId, callerRole, null);
        // The entry first: a caller removing themselves may no longer write the org's log afterwards.
        await tx
          .insertInto('audit_log')
          .values({ org_id: orgId, user_id: request.auth.userId, action: 'member.remove', target_id: userId, detail: JSON.stringify({ role }) })
          .execute();
        const deleted = await tx.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
        if (Number(deleted.numDeletedRows) !== 1) throw refused();
        return { userId, removed: true as const };
      });
    },
  );
};
