// What the side panel draws before the full state arrives: the prompt picker and the open tabs'
// titles. The worker keeps it in storage.session (panelSnapshotWriter.ts); the panel's first script
// (entrypoints/panel-shell.ts) draws it before React loads. Built from an allow-list of fields, so
// nothing else of the state (provider keys, answers, pages) can end up in it.

import { createSelector } from '@reduxjs/toolkit';
import { selectInstanceList } from '../execution/selectors/instanceSelectors';
import type { RootState } from '../store/rootReducer';
import { SNAPSHOT_VERSION, type PanelSnapshot } from './snapshotFormat';

export { PANEL_SNAPSHOT_KEY, parsePanelSnapshot, type PanelSnapshot } from './snapshotFormat';

/** Bounds on what is kept (the snapshot must stay small to be read fast). */
const MAX_PROMPTS = 200;
const MAX_TABS = 50;
const MAX_NAME_CHARS = 120;

const clip = (text: string) => (text.length > MAX_NAME_CHARS ? `${text.slice(0, MAX_NAME_CHARS - 1)}…` : text);

export const selectPanelSnapshot = createSelector(
  [
    (state: RootState) => state.prompts.order,
    (state: RootState) => state.prompts.byId,
    (state: RootState) => state.prompts.defaultPromptId,
    selectInstanceList,
  ],
  (order, byId, defaultPromptId, instances): PanelSnapshot => ({
    v: SNAPSHOT_VERSION,
    prompts: order
      .filter((id) => byId[id])
      .slice(0, MAX_PROMPTS)
      .map((id) => ({ id, name: clip(byId[id].name) })),
    defaultPromptId: defaultPromptId ?? null,
    tabs: instances.slice(0, MAX_TABS).map((instance) => ({ instanceId: instance.instanceId, title: clip(instance.title) })),
  }),
);
