import type { Tx } from '../db/asUser.ts';
import type { RoleName } from '../db/schema.ts';
import { HttpError, notAMember } from '../httpError.ts';

export const writerRoles: RoleName[] = ['owner', 'admin', 'member'];
export const adminRoles: RoleName[] = ['owner', 'admin'];
export const anyRole: RoleName[] = ['owner', 'admin', 'member', 'viewer'];

/**
 * The caller's role in the org, or a refusal: 404 when not a member (another org's existence is not
 * revealed), 403 when the role may not do this. Row-level security enforces the same again below.
 */
export async function requireRole(tx: Tx, userId: string, orgId: string, allowed: RoleName[], doing: string): Promise<RoleName> {
  const row = await tx.selectFrom('memberships').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw notAMember();
  if (!allowed.includes(row.role)) {
    throw new HttpError(403, 'forbidden', `Your role in this org (${row.role}) may not ${doing}.`);
  }
  return row.role;
}
