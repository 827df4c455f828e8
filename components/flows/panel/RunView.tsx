import { useEffect, useId, useRef } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { formatDuration, formatRelativeTime } from '@/components/sidepanel/format';
import { InlineError } from '@/components/sidepanel/InlineError';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { selectRunFlowChange } from '@/lib/flows/flowRunSnapshot';
import { RUN_STATUS_LABEL } from '../runStatus';
import { RunLog } from './RunLog';
import { StepRunSection } from './StepRunSection';

/**
 * A flow run: its name and status, Cancel or Resume, and every step in order with its actions.
 * Each part selects its own slice of the run, so streamed text re-renders only its action card.
 */
export function RunView({ runId, onBack }: { runId: string; onBack: () => void }) {
  const send = useCommand();
  const ids = useId();
  const flowId = useAppSelector((state) => state.flowRuns.byId[runId]?.flowId ?? '');
  const flowName = useAppSelector((state) => state.flowRuns.byId[runId]?.flowName ?? '');
  const status = useAppSelector((state) => state.flowRuns.byId[runId]?.status ?? 'completed');
  const startedAt = useAppSelector((state) => state.flowRuns.byId[runId]?.startedAt ?? 0);
  const endedAt = useAppSelector((state) => state.flowRuns.byId[runId]?.endedAt ?? null);
  const stepCount = useAppSelector((state) => state.flowRuns.byId[runId]?.steps.length ?? 0);
  const saveError = useAppSelector((state) => state.flowRuns.byId[runId]?.saveError);
  const flowChange = useAppSelector((state) => selectRunFlowChange(state, runId));
  const cancel = useCommandAction();
  const resume = useCommandAction();
  const runAgain = useCommandAction();
  const heading = useRef<HTMLHeadingElement>(null);

  // A run shown anew (Run, a runs history entry, the context menu): take the keyboard focus there.
  useEffect(() => heading.current?.focus({ preventScroll: true }), [runId]);

  const running = status === 'running';
  const canResume = status === 'interrupted' || status === 'failed';

  return (
    <section className="run-view" aria-labelledby={`${ids}-title`}>
      <div className="run-view-top">
        <button type="button" className="link-button back-button" onClick={onBack}>
          <span aria-hidden="true">← </span>All flows
        </button>
      </div>
      <header className="run-view-head">
        <h2 id={`${ids}-title`} className="run-view-title" ref={heading} tabIndex={-1}>
          {flowName}
        </h2>
        <span className={`run-badge run-badge-${status}`} role="status" aria-label={`Run status: ${RUN_STATUS_LABEL[status]}`}>
          {RUN_STATUS_LABEL[status]}
        </span>
      </header>
      <p className="run-view-meta muted">
        Started{' '}
        <time dateTime={new Date(startedAt).toISOString()} title={new Date(startedAt).toLocaleString()}>
          {formatRelativeTime(startedAt)}
        </time>
        {endedAt !== null && ` · took ${formatDuration(endedAt - startedAt)}`}
      </p>
      <div className="button-row">
        {running && (
          <button type="button" className="danger" disabled={cancel.pending} onClick={() => void cancel.run(() => send('cmd/flows/cancel', { runId }))}>
            Cancel run
          </button>
        )}
        {canResume && (
          <button
            type="button"
            className="primary"
            disabled={resume.pending}
            title="Run again from the first step that did not complete"
            onClick={() => void resume.run(() => send('cmd/flows/resume', { runId }))}
          >
            Resume
          </button>
        )}
      </div>
      {saveError !== undefined && (
        <div role="alert" className="error-box run-save-error">
          <p>
            Flowbar could not save this run: {saveError}. It is shown here, but would be lost if the browser stopped Flowbar’s background before a later save
            succeeds.
          </p>
        </div>
      )}
      {(flowChange === 'changed' || flowChange === 'unknown') && (
        <div className="run-flow-changed" role="note" aria-label="The flow changed">
          <p>
            {flowChange === 'changed'
              ? 'The flow has changed since this run. Re-running a step or an action here runs the flow as it was when this run started.'
              : 'This run is from before Flowbar kept a copy of the flow it ran: its steps re-run with the current flow only while it still has them.'}
          </p>
          <button type="button" disabled={runAgain.pending} onClick={() => void runAgain.run(() => send('cmd/flows/runAgain', { runId }))}>
            New run with the current flow
          </button>
        </div>
      )}
      <InlineError message={runAgain.error} onDismiss={runAgain.clearError} />
      <InlineError message={cancel.error} onDismiss={cancel.clearError} />
      <InlineError message={resume.error} onDismiss={resume.clearError} />
      {Array.from({ length: stepCount }, (_, stepIndex) => (
        <StepRunSection key={stepIndex} runId={runId} flowId={flowId} stepIndex={stepIndex} runBusy={running} />
      ))}
      <RunLog runId={runId} />
    </section>
  );
}
