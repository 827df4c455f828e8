import { createSelector } from '@reduxjs/toolkit';
import { shallowEqual } from 'react-redux';
import type { RootState } from '@/lib/store/rootReducer';
import { useAppSelector } from '@/components/storeHooks';
import { InlineError } from '@/components/sidepanel/InlineError';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { openFlowEditor } from '../openFlowEditor';
import { RUN_STATUS_LABEL } from '../runStatus';
import { FlowImportExport } from './FlowImportExport';
import { FlowListItem } from './FlowListItem';

const selectFlowIds = createSelector([(state: RootState) => state.flows.flows.order, (state: RootState) => state.flows.flows.byId], (order, byId) =>
  order.filter((id) => byId[id]),
);

/** The flows: run one on the selection, edit it, see its runs; new flow, import and export. */
export function FlowList({ lastRunId, onShowRun }: { lastRunId: string | null; onShowRun: (runId: string) => void }) {
  const flowIds = useAppSelector(selectFlowIds, shallowEqual);
  const lastRunName = useAppSelector((state) => (lastRunId ? state.flowRuns.byId[lastRunId]?.flowName : undefined));
  const lastRunStatus = useAppSelector((state) => (lastRunId ? state.flowRuns.byId[lastRunId]?.status : undefined));
  const create = useCommandAction();

  return (
    <section className="flows" aria-label="Flows">
      <div className="section-row">
        <h2 className="section-heading">Flows</h2>
        <button type="button" onClick={() => void create.run(() => openFlowEditor())}>
          New flow
        </button>
      </div>
      <InlineError message={create.error} onDismiss={create.clearError} />
      {lastRunId && lastRunStatus && (
        <button type="button" className="last-run" onClick={() => onShowRun(lastRunId)}>
          <span className={`run-dot run-dot-${lastRunStatus}`} aria-hidden="true" />
          <span>
            Show the last run: <strong>{lastRunName}</strong> <span className="muted">({RUN_STATUS_LABEL[lastRunStatus]})</span>
          </span>
        </button>
      )}
      {flowIds.length === 0 ? (
        <p className="muted">No flows yet. A flow runs prompts in steps on your selection: press New flow to make one.</p>
      ) : (
        <ul className="flow-list">
          {flowIds.map((id) => (
            <FlowListItem key={id} flowId={id} onShowRun={onShowRun} />
          ))}
        </ul>
      )}
      <FlowImportExport />
    </section>
  );
}
