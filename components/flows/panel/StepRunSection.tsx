import { memo, useId } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from '@/components/sidepanel/InlineError';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { selectOutOfDateActions } from '@/lib/flows/outOfDateActions';
import { OUT_OF_DATE_LABEL, RUN_STATUS_LABEL } from '../runStatus';
import { ActionRunCard } from './ActionRunCard';

interface StepRunSectionProps {
  runId: string;
  flowId: string;
  stepIndex: number;
  runBusy: boolean;
}

/** One step of a run: "Step N: name", its status, "Re-run step N", and its actions in a grid. */
export const StepRunSection = memo(function StepRunSection({ runId, flowId, stepIndex, runBusy }: StepRunSectionProps) {
  const send = useCommand();
  const ids = useId();
  const stepId = useAppSelector((state) => state.flowRuns.byId[runId]?.steps[stepIndex]?.stepId);
  const status = useAppSelector((state) => state.flowRuns.byId[runId]?.steps[stepIndex]?.status ?? 'pending');
  const actionCount = useAppSelector((state) => state.flowRuns.byId[runId]?.steps[stepIndex]?.actions.length ?? 0);
  // The name the step had when the run started; runs from before names were kept use the flow's.
  const name = useAppSelector(
    (state) => state.flowRuns.byId[runId]?.steps[stepIndex]?.name ?? state.flows.flows.byId[flowId]?.steps.find((s) => s.id === stepId)?.name ?? '',
  );
  // The earlier answers some of its completed actions read and that were produced again since.
  const staleInputs = useAppSelector((state) => {
    const names = new Set<string>();
    for (const [key, inputs] of selectOutOfDateActions(state, runId)) if (key.startsWith(`${stepIndex}:`)) inputs.forEach((n) => names.add(n));
    return [...names].join(', ');
  });
  const rerun = useCommandAction();
  const number = stepIndex + 1;
  const outOfDate = staleInputs !== '' && status === 'completed';

  return (
    <section className={`step-run step-run-${status}`} aria-labelledby={`${ids}-title`}>
      <header className="step-run-head">
        <h3 id={`${ids}-title`} className="step-run-title">
          Step {number}
          {name ? `: ${name}` : ''}
        </h3>
        <span className={`run-badge run-badge-${outOfDate ? 'out-of-date' : status}`}>{outOfDate ? OUT_OF_DATE_LABEL : RUN_STATUS_LABEL[status]}</span>
        <button
          type="button"
          className="step-run-rerun"
          aria-label={`Re-run step ${number}`}
          disabled={runBusy || rerun.pending}
          onClick={() => void rerun.run(() => send('cmd/flows/runStep', { runId, stepIndex }))}
        >
          Re-run step
        </button>
      </header>
      {outOfDate && (
        <p className="out-of-date-note">
          Out of date: this step used an earlier answer of {staleInputs}.{' '}
          <button
            type="button"
            className="link-button"
            disabled={runBusy || rerun.pending}
            onClick={() => void rerun.run(() => send('cmd/flows/runStep', { runId, stepIndex }))}
          >
            Re-run step {number} with the new answer
          </button>
        </p>
      )}
      <InlineError message={rerun.error} onDismiss={rerun.clearError} />
      <div className="action-grid">
        {Array.from({ length: actionCount }, (_, actionIndex) => (
          <ActionRunCard key={actionIndex} runId={runId} stepIndex={stepIndex} actionIndex={actionIndex} runBusy={runBusy} />
        ))}
      </div>
    </section>
  );
});
