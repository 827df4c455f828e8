import { describe, expect, it } from 'vitest';
import { memberActions } from './memberActions';

describe('memberActions', () => {
  it('an owner may give any role and remove anyone (the server keeps the last owner)', () => {
    expect(memberActions('owner', 'owner')).toEqual({ roles: ['owner', 'admin', 'member', 'viewer'], canRemove: true });
  });
  it('an admin manages admins, members and viewers, but neither makes nor touches an owner', () => {
    expect(memberActions('admin', 'member')).toEqual({ roles: ['admin', 'member', 'viewer'], canRemove: true });
    expect(memberActions('admin', 'owner')).toEqual({ roles: [], canRemove: false });
  });
  it('members and viewers manage no one', () => {
    for (const caller of ['member', 'viewer'] as const) expect(memberActions(caller, 'viewer')).toEqual({ roles: [], canRemove: false });
  });
});
