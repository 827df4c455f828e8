import { useAppSelector } from '@/components/storeHooks';
import { FlowList } from './FlowList';
import { RunView } from './RunView';

interface FlowsViewProps {
  /** the run to show; null shows the list */
  runId: string | null;
  /** the run the list offers to show again */
  lastRunId: string | null;
  onShowRun: (runId: string) => void;
  onShowList: () => void;
}

/** The side panel's Flows view: the flow list, or one run of a flow. */
export function FlowsView({ runId, lastRunId, onShowRun, onShowList }: FlowsViewProps) {
  const runExists = useAppSelector((state) => (runId ? Boolean(state.flowRuns.byId[runId]) : false));
  return (
    <div className="flows-view">
      {runId && runExists ? <RunView key={runId} runId={runId} onBack={onShowList} /> : <FlowList lastRunId={lastRunId} onShowRun={onShowRun} />}
    </div>
  );
}
