import { useState } from 'react';
import { useAppSelector } from '@/components/storeHooks';
import { formatClock } from '@/components/sidepanel/format';

/** The run's own log, collapsed; its lines are read from the store only while it is open. */
export function RunLog({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  const count = useAppSelector((state) => state.flowRuns.byId[runId]?.logs.length ?? 0);
  return (
    <details className="run-log" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Run log <span className="muted">({count})</span>
      </summary>
      {open && <RunLogLines runId={runId} />}
    </details>
  );
}

function RunLogLines({ runId }: { runId: string }) {
  const logs = useAppSelector((state) => state.flowRuns.byId[runId]?.logs);
  if (!logs || logs.length === 0) return <p className="logs-empty muted">Nothing logged yet.</p>;
  return (
    <ol className="log-list">
      {logs.map((entry, i) => (
        <li key={i} className={`log-entry log-${entry.level}`}>
          <time className="muted" dateTime={new Date(entry.at).toISOString()}>
            {formatClock(entry.at)}
          </time>{' '}
          <span className="log-level">{entry.level}</span> {entry.message}
        </li>
      ))}
    </ol>
  );
}
