import { createSelector } from '@reduxjs/toolkit';
import { findVariables } from '../execution/services/variableResolver';
import type { RootState } from '../store/rootReducer';
import type { ActionRun, FlowRun, SnapshotAction } from './flowTypes';
import { runMatchesSnapshot } from './flowRunSnapshot';

// After an upstream action is run again, the later actions that read its earlier answer are out of
// date: they show so, with a re-run, instead of "Completed".

const readsOf = new WeakMap<SnapshotAction, string[]>();

/** The action names an action's messages read as {{outputs.<name>}} (found once per snapshot action: runs recompute this as they stream). */
export function outputsRead(action: SnapshotAction): string[] {
  let names = readsOf.get(action);
  if (!names) {
    names = findVariables(action.template.map((m) => m.content))
      .filter((name) => name.startsWith('outputs.'))
      .map((name) => name.slice('outputs.'.length));
    readsOf.set(action, names);
  }
  return names;
}

/** Where an action ends: its start plus its duration; a running (or never run) action has not ended. */
const endOf = (a: ActionRun) => (a.startedAt === null ? null : a.duration === null ? Infinity : a.startedAt + a.duration);

/**
 * Completed actions that read an earlier step's output which was produced again (re-run) after they
 * started, or which is itself out of date: `stepIndex:actionIndex` → the names of those stale inputs.
 * Pure: the run's snapshot and its action states only. A run without a snapshot has none (unknown).
 */
export function outOfDateActions(run: Pick<FlowRun, 'snapshot' | 'steps'>): Map<string, string[]> {
  const stale = new Map<string, string[]>();
  const snapshot = run.snapshot;
  if (!snapshot || !runMatchesSnapshot(run, snapshot)) return stale;
  // where each name sits, and whether its output is stale itself
  const byName = new Map<string, { stepIndex: number; key: string; action: ActionRun }>();
  run.steps.forEach((step, s) => step.actions.forEach((a, i) => byName.set(a.name, { stepIndex: s, key: `${s}:${i}`, action: a })));
  run.steps.forEach((step, s) =>
    step.actions.forEach((a, i) => {
      if (a.status !== 'completed' || a.startedAt === null) return;
      const reasons = outputsRead(snapshot.steps[s].actions[i]).filter((name) => {
        const source = byName.get(name);
        if (!source || source.stepIndex >= s) return false;
        if (stale.has(source.key)) return true;
        const end = endOf(source.action);
        return end !== null && end > a.startedAt!;
      });
      if (reasons.length > 0) stale.set(`${s}:${i}`, [...new Set(reasons)]);
    }),
  );
  return stale;
}

const NONE = new Map<string, string[]>();

/** outOfDateActions of a run in the store, recomputed only when the run changes. */
export const selectOutOfDateActions = createSelector([(state: RootState, runId: string) => state.flowRuns.byId[runId]], (run) =>
  run ? outOfDateActions(run) : NONE,
);
