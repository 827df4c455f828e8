import type { TeamService } from '../team/teamService';
import type { CommandContext } from './commandContext';
import type { CommandPayload } from './commandSchemas';

/** Options → Team and the panel's project switcher: connect, sign out, choose, share, resolve a conflict. */
export function teamCommands(ctx: CommandContext) {
  const team = (): TeamService => {
    if (!ctx.services.team) throw new Error('Team sync is not available here.');
    return ctx.services.team;
  };
  return {
    async 'cmd/team/connect'(p: CommandPayload<'cmd/team/connect'>) {
      const me = await team().connect(p.serverUrl, p.token);
      return { orgs: me.orgs.length };
    },
    async 'cmd/team/signOut'() {
      await team().signOut();
      return { ok: true as const };
    },
    async 'cmd/team/sync'() {
      await team().syncNow();
      return { status: ctx.getState().team.status };
    },
    async 'cmd/team/select'(p: CommandPayload<'cmd/team/select'>) {
      await team().select(p.orgId, p.projectId);
      return { ok: true as const };
    },
    async 'cmd/team/share'(p: CommandPayload<'cmd/team/share'>) {
      const state = ctx.getState();
      if (p.kind === 'prompt' ? !state.prompts.byId[p.id] : !state.flows.flows.byId[p.id]) throw new Error(`There is no such ${p.kind}.`);
      await team().share(p.kind, p.id, p.orgId, p.projectId);
      return { ok: true as const };
    },
    async 'cmd/team/resolve'(p: CommandPayload<'cmd/team/resolve'>) {
      await team().resolveConflict(p.kind, p.id, p.choice);
      return { ok: true as const };
    },
    async 'cmd/team/members'(p: CommandPayload<'cmd/team/members'>) {
      return { members: await team().members(p.orgId) };
    },
    async 'cmd/team/setMemberRole'(p: CommandPayload<'cmd/team/setMemberRole'>) {
      await team().setMemberRole(p.orgId, p.userId, p.role);
      return { ok: true as const };
    },
    async 'cmd/team/removeMember'(p: CommandPayload<'cmd/team/removeMember'>) {
      await team().removeMember(p.orgId, p.userId);
      return { ok: true as const };
    },
    async 'cmd/team/syncUserVariables'(p: CommandPayload<'cmd/team/syncUserVariables'>) {
      await team().setUserVariableSync(p.on);
      return { ok: true as const };
    },
  };
}
