import { memo, useId, useState } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from '@/components/sidepanel/InlineError';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { SharedBadge } from '@/components/team/SharedBadge';
import { ShareButton } from '@/components/team/ShareButton';
import { openFlowEditor } from '../openFlowEditor';
import { FlowRunsHistory } from './FlowRunsHistory';

/** One flow in the panel's list: what it is, and Run (on the current selection), Edit, Runs. */
export const FlowListItem = memo(function FlowListItem({ flowId, onShowRun }: { flowId: string; onShowRun: (runId: string) => void }) {
  const send = useCommand();
  const ids = useId();
  const flow = useAppSelector((state) => state.flows.flows.byId[flowId]);
  const [runsOpen, setRunsOpen] = useState(false);
  const action = useCommandAction();
  if (!flow) return null;

  const stepCount = flow.steps.length;
  const actionCount = flow.steps.reduce((n, s) => n + s.actionIds.length, 0);
  const run = async () => {
    const result = await action.run(() => send('cmd/flows/run', { flowId }));
    if (result) onShowRun(result.runId);
  };

  return (
    <li className="flow-item">
      <article aria-labelledby={`${ids}-name`}>
        <h3 id={`${ids}-name`} className="flow-item-name">
          {flow.name}
        </h3>
        {flow.description && <p className="flow-item-description">{flow.description}</p>}
        <p className="flow-item-meta muted">
          {stepCount} {stepCount === 1 ? 'step' : 'steps'} · {actionCount} {actionCount === 1 ? 'action' : 'actions'} <SharedBadge kind="flow" id={flowId} />
        </p>
        <div className="button-row">
          <button
            type="button"
            className="primary"
            aria-label={`Run flow ${flow.name}`}
            disabled={action.pending}
            aria-busy={action.pending || undefined}
            onClick={() => void run()}
          >
            Run
          </button>
          <button type="button" aria-label={`Edit flow ${flow.name}`} onClick={() => void action.run(() => openFlowEditor(flowId))}>
            Edit
          </button>
          <button
            type="button"
            aria-label={`Runs of ${flow.name}`}
            aria-expanded={runsOpen}
            aria-controls={runsOpen ? `${ids}-runs` : undefined}
            onClick={() => setRunsOpen((open) => !open)}
          >
            Runs
          </button>
          <ShareButton kind="flow" id={flowId} describedBy={`${ids}-name`} />
        </div>
        <InlineError message={action.error} onDismiss={action.clearError} />
        {runsOpen && <FlowRunsHistory id={`${ids}-runs`} flowId={flowId} flowName={flow.name} onOpened={onShowRun} />}
      </article>
    </li>
  );
});
