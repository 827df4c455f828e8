import { Activity, Suspense, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { shallowEqual, useStore } from 'react-redux';
import type { RootState } from '@/lib/store/rootReducer';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { EMPTY_STATE_TEXT } from '@/components/sidepanel/emptyStateText';
import { InlineError } from '@/components/sidepanel/InlineError';
import { InstanceTabs } from '@/components/sidepanel/InstanceTabs';
import { LogsSection } from '@/components/sidepanel/LogsSection';
import { PanelHeader } from '@/components/sidepanel/PanelHeader';
import { selectInstanceIds } from '@/components/sidepanel/selectors';
import { SetupCard } from '@/components/sidepanel/setup/SetupCard';
import { openExtensionPage } from '@/components/openExtensionPage';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { FlowsView, HistoryView, InstancePanel, ViewLoading } from './lazyViews';

type View = 'instance' | 'history' | 'flows';

/** How many conversations stay mounted (hidden) after they were shown: see App. */
const KEPT_PANELS = 3;

/**
 * The side panel: a prompt to run on the page, the open instances as tabs, the selected one (or
 * the history, or the flows and their runs), and the logs. Only ids and the selection live here:
 * every part below selects its own data, so a streaming answer does not re-render the panel.
 */
export function App() {
  const send = useCommand();
  const instanceIds = useAppSelector(selectInstanceIds, shallowEqual);
  const focusSeq = useAppSelector((state) => state.app.focus.seq);
  const focusId = useAppSelector((state) => state.app.focus.instanceId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [view, setView] = useState<View>('instance');
  /** the flow run the Flows view shows; null: the flow list */
  const [flowRunId, setFlowRunId] = useState<string | null>(null);
  const runFocusSeq = useAppSelector((state) => state.app.runFocus.seq);
  const runFocusId = useAppSelector((state) => state.app.runFocus.runId);
  const store = useStore<RootState>();
  const close = useCommandAction();

  // A run started anywhere (context menu, keyboard, Run, History) asks the panel to show it.
  const focusIdRef = useRef(focusId);
  useLayoutEffect(() => {
    focusIdRef.current = focusId;
  });
  useEffect(() => {
    if (!focusIdRef.current) return;
    setSelectedId(focusIdRef.current);
    setView('instance');
  }, [focusSeq]);

  // A flow run started anywhere (the Flows view, the context menu) or opened from its history asks
  // for the Flows view. When the panel opens, only a run still running takes it over.
  const runFocusIdRef = useRef(runFocusId);
  useLayoutEffect(() => {
    runFocusIdRef.current = runFocusId;
  });
  const firstRunFocus = useRef(true);
  useEffect(() => {
    const runId = runFocusIdRef.current;
    const opening = firstRunFocus.current;
    firstRunFocus.current = false;
    if (!runId || (opening && store.getState().flowRuns.byId[runId]?.status !== 'running')) return;
    setFlowRunId(runId);
    setView('flows');
  }, [runFocusSeq, store]);

  const showFlowRun = useCallback((runId: string) => {
    setFlowRunId(runId);
    setView('flows');
  }, []);
  const showFlowList = useCallback(() => setFlowRunId(null), []);

  // The selected tab while it is open; else the newest.
  const activeId = selectedId && instanceIds.includes(selectedId) ? selectedId : (instanceIds.at(-1) ?? null);
  // The tab strip shows a click at once; the conversation it opens renders in the background, so a
  // click on a long or streaming conversation never holds the next frame (and a newer click wins).
  const deferredId = useDeferredValue(activeId);
  const shownId = deferredId && instanceIds.includes(deferredId) ? deferredId : activeId;

  // The conversations shown last stay mounted, hidden (React's Activity: their effects and store
  // subscriptions are off while hidden, so a hidden one costs no work): going back to one of them
  // shows it again instead of building its whole panel anew (~25 ms of the panel's thread a click).
  const [recentIds, setRecentIds] = useState<string[]>([]);
  if (shownId && recentIds[0] !== shownId)
    setRecentIds([shownId, ...recentIds.filter((id) => id !== shownId && instanceIds.includes(id))].slice(0, KEPT_PANELS));
  // In tab order, so that showing one never moves the others in the DOM.
  const keptIds = instanceIds.filter((id) => recentIds.includes(id));
  const instanceShown = view === 'instance' ? shownId : null;

  const showInstance = useCallback((instanceId: string) => {
    setSelectedId(instanceId);
    setView('instance');
  }, []);

  const instanceIdsRef = useRef(instanceIds);
  useLayoutEffect(() => {
    instanceIdsRef.current = instanceIds;
  });
  const activeIdRef = useRef(activeId);
  useLayoutEffect(() => {
    activeIdRef.current = activeId;
  });
  const closeInstance = useCallback(
    (instanceId: string) => {
      const ids = instanceIdsRef.current;
      if (instanceId === activeIdRef.current) {
        // Select a neighbour, as browsers do, and keep the keyboard focus in the tab strip.
        const index = ids.indexOf(instanceId);
        const next = ids[index + 1] ?? ids[index - 1] ?? null;
        setSelectedId(next);
        requestAnimationFrame(() => (next ? document.getElementById(`tab-${next}`) : document.querySelector<HTMLElement>('.history-toggle'))?.focus());
      }
      void close.run(() => send('cmd/instance/close', { instanceId }));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- close.run is a stable useCallback; `close` itself is a new object every render
    [close.run, send],
  );

  const runClose = close.run;
  const closeFinished = useCallback(
    (ids: string[]) => {
      for (const id of ids) void runClose(() => send('cmd/instance/close', { instanceId: id }));
      // The switcher goes when the last run does: the keyboard focus then stays in the bar.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.switcher-toggle, .history-toggle')?.focus());
    },
    [runClose, send],
  );

  return (
    <div className="app">
      <PanelHeader onStarted={showInstance} />
      <SetupCard />
      <InstanceTabs
        instanceIds={instanceIds}
        activeId={activeId}
        historyOpen={view === 'history'}
        flowsOpen={view === 'flows'}
        onSelect={showInstance}
        onClose={closeInstance}
        onCloseFinished={closeFinished}
        onToggleHistory={() => setView((v) => (v === 'history' ? 'instance' : 'history'))}
        onToggleFlows={() => {
          setFlowRunId(null);
          setView((v) => (v === 'flows' ? 'instance' : 'flows'));
        }}
      />
      <InlineError message={close.error} onDismiss={close.clearError} />
      <main className="panel-main">
        <Suspense fallback={<ViewLoading />}>
          {keptIds.map((id) => (
            <Activity key={id} mode={id === instanceShown ? 'visible' : 'hidden'}>
              <InstancePanel instanceId={id} />
            </Activity>
          ))}
          {view === 'history' ? (
            <HistoryView onOpened={showInstance} />
          ) : view === 'flows' ? (
            <FlowsView runId={flowRunId} lastRunId={runFocusId} onShowRun={showFlowRun} onShowList={showFlowList} />
          ) : shownId ? null : (
            <div className="empty-state">
              <p>{EMPTY_STATE_TEXT.lead}</p>
              <p className="muted">{EMPTY_STATE_TEXT.hint}</p>
              <p>
                <button type="button" className="link-button" onClick={() => void openExtensionPage('/welcome.html')}>
                  {EMPTY_STATE_TEXT.tour}
                </button>
              </p>
            </div>
          )}
        </Suspense>
      </main>
      <LogsSection />
    </div>
  );
}
