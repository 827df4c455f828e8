import { useState } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { errorMessage } from '@/components/options/errorMessage';
import type { TeamConflict } from '@/lib/team/teamSlice';

/** Edits the server refused because someone changed the record first: both copies, and the user's choice. */
export function TeamConflicts() {
  const conflicts = useAppSelector((state) => state.team.conflicts);
  if (conflicts.length === 0) return null;
  return (
    <section className="team-conflicts" aria-labelledby="team-conflicts-heading">
      <h3 id="team-conflicts-heading">Conflicting edits ({conflicts.length})</h3>
      <p className="hint">Someone changed these on the server after you started editing. Choose which copy to keep.</p>
      <ul className="card-list">
        {conflicts.map((conflict) => (
          <ConflictItem key={`${conflict.kind}:${conflict.id}`} conflict={conflict} />
        ))}
      </ul>
    </section>
  );
}

function ConflictItem({ conflict }: { conflict: TeamConflict }) {
  const send = useCommand();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (choice: 'mine' | 'theirs') => {
    setBusy(true);
    setError(null);
    try {
      await send('cmd/team/resolve', { kind: conflict.kind, id: conflict.id, choice });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const title = conflict.mine?.name ?? conflict.theirs?.name ?? conflict.id;
  return (
    <li className="card conflict" aria-label={`Conflict: ${title}`}>
      <p className="card-title">
        {conflict.kind} “{title}”
      </p>
      <div className="conflict-copies">
        <figure aria-label="Your copy">
          <figcaption>Yours</figcaption>
          <pre>{conflict.mine ? `${conflict.mine.name}\n${conflict.mine.text}` : '(deleted here)'}</pre>
        </figure>
        <figure aria-label="Their copy">
          <figcaption>On the server{conflict.theirs ? ` (version ${conflict.theirs.version})` : ''}</figcaption>
          <pre>{conflict.theirs ? `${conflict.theirs.name}\n${conflict.theirs.text}` : '(not on the server)'}</pre>
        </figure>
      </div>
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={() => void choose('mine')}>
          Keep mine
        </button>
        <button type="button" disabled={busy} onClick={() => void choose('theirs')}>
          Take theirs
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </li>
  );
}
