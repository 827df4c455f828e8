import { memo, useId } from 'react';
import { Markdown } from '@/components/Markdown';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { formatCost, formatDuration, formatTokens } from '@/components/sidepanel/format';
import { InlineError } from '@/components/sidepanel/InlineError';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { selectOutOfDateActions } from '@/lib/flows/outOfDateActions';
import { OUT_OF_DATE_LABEL, RUN_STATUS_LABEL } from '../runStatus';
import { queuedNotice } from '@/lib/llm/requestQueue';

interface ActionRunCardProps {
  runId: string;
  stepIndex: number;
  actionIndex: number;
  /** the run is running: nothing can be re-run */
  runBusy: boolean;
}

/** One action of a run: its status, its (streaming) answer, its error and its stats; "Re-run <name>". */
export const ActionRunCard = memo(function ActionRunCard({ runId, stepIndex, actionIndex, runBusy }: ActionRunCardProps) {
  const send = useCommand();
  const ids = useId();
  const action = useAppSelector((state) => state.flowRuns.byId[runId]?.steps[stepIndex]?.actions[actionIndex]);
  const staleInputs = useAppSelector((state) => selectOutOfDateActions(state, runId).get(`${stepIndex}:${actionIndex}`)?.join(', ') ?? '');
  const rerun = useCommandAction();
  if (!action) return null;
  const outOfDate = staleInputs !== '';

  const waiting = action.status === 'running' && !action.output;
  const queued = action.status === 'running' && typeof action.queuedAhead === 'number' ? action.queuedAhead : null;
  return (
    <article className={`action-run action-run-${action.status}`} aria-labelledby={`${ids}-name`} aria-busy={action.status === 'running' || undefined}>
      <header className="action-run-head">
        <h4 id={`${ids}-name`} className="action-run-name">
          {action.name}
        </h4>
        <span
          className={`run-badge run-badge-${outOfDate ? 'out-of-date' : action.status}`}
          title={outOfDate ? `Used an earlier answer of ${staleInputs}` : undefined}
        >
          {outOfDate ? OUT_OF_DATE_LABEL : RUN_STATUS_LABEL[action.status]}
        </span>
      </header>
      {waiting && (
        <p className="progress">
          <span className="spinner" aria-hidden="true" /> {queued === null ? 'Waiting for the answer…' : queuedNotice(queued)}
        </p>
      )}
      {action.output && (
        <div className="action-run-output">
          <Markdown text={action.output} streaming={action.streamingOutput} />
        </div>
      )}
      {action.status === 'completed' && !action.output && <p className="muted">The model answered nothing.</p>}
      {action.status === 'canceled' && action.output && <p className="partial-badge">Canceled: partial answer</p>}
      {action.error && (
        <div role="alert" className="error-box">
          <p>{action.error}</p>
        </div>
      )}
      {action.duration !== null ? (
        <dl className="stats" aria-label={`Stats of ${action.name}`}>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(action.duration)}</dd>
          </div>
          <div>
            <dt>First token</dt>
            <dd>{formatDuration(action.timeToFirstToken)}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd title="prompt / completion">
              {formatTokens(action.promptTokens ?? undefined)} / {formatTokens(action.completionTokens ?? undefined)}
            </dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{formatCost(action.cost)}</dd>
          </div>
          <div className="stats-model">
            <dt>Model</dt>
            <dd>{action.model || '—'}</dd>
          </div>
        </dl>
      ) : (
        action.model && (
          <dl className="stats" aria-label={`Stats of ${action.name}`}>
            <div className="stats-model">
              <dt>Model</dt>
              <dd>{action.model}</dd>
            </div>
          </dl>
        )
      )}
      <div className="button-row">
        <button
          type="button"
          aria-label={`Re-run ${action.name}`}
          disabled={runBusy || rerun.pending}
          onClick={() => void rerun.run(() => send('cmd/flows/runAction', { runId, stepIndex, actionIndex }))}
        >
          Re-run
        </button>
      </div>
      <InlineError message={rerun.error} onDismiss={rerun.clearError} />
    </article>
  );
});
