import type { MemberRole } from '../sync/syncSchemas';

export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'admin', 'member', 'viewer'];

/**
 * What the signed-in user may do to a member in options → Team, as the server decides it
 * (server/routes/memberRoutes.ts): owners and admins manage members; only an owner makes, unmakes or
 * removes an owner. The last owner is the server's to refuse (its message is shown).
 */
export function memberActions(callerRole: MemberRole, target: MemberRole): { roles: MemberRole[]; canRemove: boolean } {
  if (callerRole === 'owner') return { roles: [...MEMBER_ROLES], canRemove: true };
  if (callerRole === 'admin' && target !== 'owner') return { roles: MEMBER_ROLES.filter((r) => r !== 'owner'), canRemove: true };
  return { roles: [], canRemove: false };
}
