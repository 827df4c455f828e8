import { useCallback, useId, useState } from 'react';
import { useCommand } from '@/components/storeHooks';
import { errorMessage } from '@/components/options/errorMessage';
import { FeedbackMessage, type Feedback } from '@/components/options/FeedbackMessage';
import type { MemberInfo, MemberRole } from '@/lib/sync/syncSchemas';
import { MEMBER_ROLES, memberActions } from '@/lib/team/memberActions';

const ROLE_LABELS: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member', viewer: 'Viewer' };

/** Options → Team: an org's members, their roles changed or removed by owners and admins. */
export function TeamMembers({ orgId, orgName, role }: { orgId: string; orgName: string; role: MemberRole }) {
  const send = useCommand();
  const [open, setOpen] = useState(false);
  const [members, setMembers] = useState<MemberInfo[] | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const listId = useId();

  const load = useCallback(async () => {
    try {
      setMembers((await send('cmd/team/members', { orgId })).members);
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    }
  }, [send, orgId]);

  if (role !== 'owner' && role !== 'admin') return null;

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFeedback(null);
    try {
      await work();
      setFeedback({ kind: 'ok', text: done });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setConfirming(null);
      setBusy(false);
      await load();
    }
  };

  return (
    <div className="team-members">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => {
          if (!open) void load();
          setOpen(!open);
        }}
      >
        {open ? 'Hide members' : `Members of ${orgName}`}
      </button>
      {open && (
        <div id={listId}>
          {members === null ? (
            <p className="hint">Loading members…</p>
          ) : (
            <table aria-label={`Members of ${orgName}`}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => {
                  const allowed = memberActions(role, m.role);
                  return (
                    <tr key={m.userId}>
                      <td>{m.name}</td>
                      <td>{m.email}</td>
                      <td>
                        <select
                          aria-label={`Role of ${m.email}`}
                          value={m.role}
                          disabled={busy || allowed.roles.length === 0}
                          onChange={(e) => {
                            const next = e.target.value as MemberRole;
                            void act(
                              () => send('cmd/team/setMemberRole', { orgId, userId: m.userId, role: next }),
                              `${m.email} is now ${ROLE_LABELS[next].toLowerCase()}.`,
                            );
                          }}
                        >
                          {MEMBER_ROLES.filter((r) => r === m.role || allowed.roles.includes(r)).map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        {allowed.canRemove &&
                          (confirming === m.userId ? (
                            <span className="button-row">
                              <button
                                type="button"
                                className="danger"
                                disabled={busy}
                                onClick={() =>
                                  void act(() => send('cmd/team/removeMember', { orgId, userId: m.userId }), `${m.email} was removed from ${orgName}.`)
                                }
                              >
                                Remove {m.email} from {orgName}
                              </button>
                              <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                                Cancel
                              </button>
                            </span>
                          ) : (
                            <button type="button" disabled={busy} aria-label={`Remove ${m.email}`} onClick={() => setConfirming(m.userId)}>
                              Remove
                            </button>
                          ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      )}
      <FeedbackMessage feedback={feedback} />
    </div>
  );
}
