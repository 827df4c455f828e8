import { useId, useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { TeamConflicts } from '@/components/team/TeamConflicts';
import { TeamMembers } from '@/components/team/TeamMembers';
import { TeamStatusBadge } from '@/components/team/TeamStatusBadge';
import { errorMessage } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

/**
 * Options → Team: connect to a team server with its URL and a token (the token goes to the
 * background only, which sends it to that server alone), sign out, and the orgs and projects the
 * user belongs to there.
 */
export function TeamSection() {
  const team = useAppSelector((state) => state.team);
  return (
    <section id="team" aria-labelledby="team-heading" className="section">
      <h2 id="team-heading">Team</h2>
      <p className="intro">
        Share prompts, flows and org or project variables through your team's Flowbar server, and record runs in one place. Without a server, or with it down,
        everything keeps working from this browser's copy.
      </p>
      {team.connected ? <ConnectedTeam /> : <ConnectForm />}
    </section>
  );
}

function ConnectForm() {
  const send = useCommand();
  const ids = useId();
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const connect = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFeedback(null);
    try {
      const result = await send('cmd/team/connect', { serverUrl, token });
      setToken('');
      setFeedback({ kind: 'ok', text: `Connected: member of ${result.orgs} org${result.orgs === 1 ? '' : 's'}.` });
    } catch (error) {
      // The token stays in the field, so a typo in the URL does not cost the user the token.
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={(event) => void connect(event)} noValidate aria-label="Connect to a team server">
      <div className="field">
        <label htmlFor={`${ids}-url`}>Server URL</label>
        <input id={`${ids}-url`} type="url" placeholder="https://flowbar.example.com" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-token`}>Token</label>
        <input
          id={`${ids}-token`}
          type="password"
          autoComplete="off"
          placeholder="fbt_…"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby={`${ids}-token-hint`}
        />
        <p id={`${ids}-token-hint`} className="hint">
          From <code>npm run server -- init</code> or your admin. It stays in Flowbar's background and goes only to this server.
        </p>
      </div>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      <FeedbackMessage feedback={feedback} />
    </form>
  );
}

function ConnectedTeam() {
  const send = useCommand();
  const team = useAppSelector((state) => state.team);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setFeedback(null);
    try {
      const text = await action();
      if (text) setFeedback({ kind: 'ok', text });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel team-connected">
      <p>
        {team.user ? (
          <>
            Signed in as <strong>{team.user.name}</strong> ({team.user.email}) on <code>{team.serverUrl}</code>{' '}
          </>
        ) : (
          <>
            Connected to <code>{team.serverUrl}</code>{' '}
          </>
        )}
        <TeamStatusBadge />
      </p>
      {team.message && team.status !== 'online' && <p className="hint">{team.message}</p>}
      <h3>Your orgs</h3>
      {team.orgs.length === 0 ? (
        <p className="empty">You are not a member of any org on this server yet.</p>
      ) : (
        <ul className="card-list" aria-label="Orgs">
          {team.orgs.map((org) => (
            <li key={org.id} className="card" aria-label={org.name}>
              <p className="card-title">
                {org.name} <span className="badge badge-muted">{org.role}</span>
              </p>
              <p className="card-detail">
                Projects: {org.projects.length ? org.projects.map((p) => p.name).join(', ') : 'none'} · Runs{' '}
                {org.settings.collectRuns ? (org.settings.collectRunText ? 'recorded with their text' : 'recorded (metadata only)') : 'not recorded'}
              </p>
              <TeamMembers orgId={org.id} orgName={org.name} role={org.role} />
            </li>
          ))}
        </ul>
      )}
      {team.orgs.length > 0 && <UserVariableSyncOptIn />}
      {team.queuedRuns > 0 && <p className="hint">{team.queuedRuns} run(s) waiting to be sent.</p>}
      <TeamConflicts />
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void act(async () => (await send('cmd/team/sync', {}), null))}>
          Sync now
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => void act(async () => (await send('cmd/team/signOut', {}), 'Signed out. Shared prompts and flows stay here as local copies.'))}
        >
          Sign out
        </button>
      </div>
      <FeedbackMessage feedback={feedback} />
    </div>
  );
}

/**
 * The opt-in to sync this browser's user variables (off by default): on, they go to the chosen org on
 * the server, where only this user can read them (row-level security); off, nothing of them leaves the
 * browser, and turning it off deletes nothing here.
 */
function UserVariableSyncOptIn() {
  const send = useCommand();
  const ids = useId();
  const team = useAppSelector((state) => state.team);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const on = team.userVariableSync !== null;
  // The box shows the choice at once; the store's value (the background's) takes over when it changes.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const [seenOn, setSeenOn] = useState(on);
  if (seenOn !== on) {
    setSeenOn(on);
    setWanted(null);
  }
  const shown = wanted ?? on;
  const orgName = (id: string | null) => team.orgs.find((o) => o.id === id)?.name ?? 'your org';
  const target = on ? orgName(team.userVariableSync) : orgName(team.selection.orgId ?? team.orgs[0]?.id ?? null);
  const toggle = async (next: boolean) => {
    setBusy(true);
    setWanted(next);
    setFeedback(null);
    try {
      await send('cmd/team/syncUserVariables', { on: next });
      setFeedback({
        kind: 'ok',
        text: next
          ? `Your user variables sync to ${target}; only you can read them there.`
          : 'Your user variables stay in this browser from now on (nothing here was deleted).',
      });
    } catch (error) {
      setWanted(null);
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="check-field">
      <label className="check">
        <input
          type="checkbox"
          checked={shown}
          disabled={busy}
          onChange={(e) => void toggle(e.target.checked)}
          aria-describedby={`${ids}-sync-user-vars-hint`}
        />
        Sync my user variables to the team server (only you can read them)
      </label>
      <p id={`${ids}-sync-user-vars-hint`} className="hint">
        {shown
          ? `On: your user variables are kept in ${target} on the server, readable by you alone (not by its admins or owners), and reach your other browsers. Turning it off keeps them in this browser.`
          : `Off: your user variables stay in this browser. On, they are kept in ${target} on the server, readable by you alone.`}
      </p>
      <FeedbackMessage feedback={feedback} />
    </div>
  );
}
