import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FlowRunSummary } from '@/lib/flows/flowRunPersistence';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { errorMessage, formatDuration, formatRelativeTime } from '@/components/sidepanel/format';
import { InlineError } from '@/components/sidepanel/InlineError';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { RUN_STATUS_LABEL } from '../runStatus';

const PAGE_SIZE = 10;

/** The runs of one flow, newest first, a page at a time; activating one shows it. */
export function FlowRunsHistory({ flowId, flowName, id, onOpened }: { flowId: string; flowName: string; id: string; onOpened: (runId: string) => void }) {
  const send = useCommand();
  const [runs, setRuns] = useState<FlowRunSummary[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const open = useCommandAction();
  const requestSeq = useRef(0);
  // Runs of this flow in the store, with their statuses: the list is read again when one starts or ends.
  const storeSignature = useAppSelector((state) =>
    state.flowRuns.order
      .filter((runId) => state.flowRuns.byId[runId]?.flowId === flowId)
      .map((runId) => `${runId}:${state.flowRuns.byId[runId].status}`)
      .join(','),
  );

  const load = useCallback(
    async (offset: number, limit = PAGE_SIZE) => {
      const seq = ++requestSeq.current;
      setLoading(true);
      setLoadError(null);
      try {
        // One more than shown tells whether there is another page.
        const page = await send('cmd/flows/listRuns', { flowId, offset, limit: limit + 1 });
        if (seq !== requestSeq.current) return;
        setRuns((previous) => (offset === 0 ? page.runs.slice(0, limit) : [...previous, ...page.runs.slice(0, limit)]));
        setHasMore(page.runs.length > limit);
      } catch (caught) {
        if (seq === requestSeq.current) setLoadError(errorMessage(caught));
      } finally {
        if (seq === requestSeq.current) setLoading(false);
      }
    },
    [send, flowId],
  );

  const shownRef = useRef(PAGE_SIZE);
  useLayoutEffect(() => {
    shownRef.current = Math.max(PAGE_SIZE, runs.length);
  });
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loading from the background when the runs change is what this effect is for
    void load(0, Math.min(100 - 1, shownRef.current));
  }, [load, storeSignature]);
  useEffect(() => () => void requestSeq.current++, []);

  const openRun = async (runId: string) => {
    const result = await open.run(() => send('cmd/flows/openRun', { runId }));
    if (result) onOpened(result.runId);
  };

  return (
    <div className="flow-runs" id={id} role="region" aria-label={`Runs of ${flowName}`}>
      <InlineError message={loadError} onDismiss={() => setLoadError(null)} />
      <InlineError message={open.error} onDismiss={open.clearError} />
      <p role="status" className="muted history-status">
        {loading && runs.length === 0 ? 'Loading runs…' : !loading && runs.length === 0 ? 'No runs yet.' : ''}
      </p>
      {runs.length > 0 && (
        <ul className="flow-runs-list">
          {runs.map((run) => (
            <li key={run.runId}>
              <button type="button" className="history-entry flow-run-entry" disabled={open.pending} onClick={() => void openRun(run.runId)}>
                <span className="history-entry-head">
                  <span className={`run-dot run-dot-${run.status}`} aria-hidden="true" />
                  <span className="history-entry-title">{RUN_STATUS_LABEL[run.status]}</span>
                  <time className="muted" dateTime={new Date(run.startedAt).toISOString()} title={new Date(run.startedAt).toLocaleString()}>
                    {formatRelativeTime(run.startedAt)}
                  </time>
                </span>
                <span className="history-entry-meta muted">
                  {run.actionCount} {run.actionCount === 1 ? 'action' : 'actions'}
                  {run.failedCount > 0 && ` · ${run.failedCount} failed`}
                  {run.endedAt !== null && ` · ${formatDuration(run.endedAt - run.startedAt)}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="load-more" disabled={loading} onClick={() => void load(runs.length)}>
          Load more runs
        </button>
      )}
    </div>
  );
}
