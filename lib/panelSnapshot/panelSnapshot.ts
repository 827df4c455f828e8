// What the side panel draws before the full state arrives: the prompt picker and the open tabs'
// titles. The worker keeps it in storage.session (panelSnapshotWriter.ts); the panel reads it as it
// opens (entrypoints/sidepanel/main.tsx). Built from an allow-list of fields, so nothing else of the
// state (provider keys, answers, pages) can end up in it.

import { createSelector } from '@reduxjs/toolkit';
import { selectInstanceList } from '../execution/selectors/instanceSelectors';
import type { RootState } from '../store/rootReducer';

export const PANEL_SNAPSHOT_KEY = 'panelSnapshot';
const SNAPSHOT_VERSION = 1;
/** Bounds on what is kept (the snapshot must stay small to be read fast). */
const MAX_PROMPTS = 200;
const MAX_TABS = 50;
const MAX_NAME_CHARS = 120;

export interface PanelSnapshot {
  v: typeof SNAPSHOT_VERSION;
  prompts: Array<{ id: string; name: string }>;
  defaultPromptId: string | null;
  tabs: Array<{ instanceId: string; title: string }>;
}

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

/** A snapshot read back from storage, or null if it is not one (an older version, or damaged). */
export function parsePanelSnapshot(value: unknown): PanelSnapshot | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<PanelSnapshot>;
  if (v.v !== SNAPSHOT_VERSION || !Array.isArray(v.prompts) || !Array.isArray(v.tabs)) return null;
  const named = (item: unknown, idKey: string, nameKey: string) =>
    typeof item === 'object' &&
    item !== null &&
    typeof (item as Record<string, unknown>)[idKey] === 'string' &&
    typeof (item as Record<string, unknown>)[nameKey] === 'string';
  if (!v.prompts.every((p) => named(p, 'id', 'name')) || !v.tabs.every((t) => named(t, 'instanceId', 'title'))) return null;
  return { v: SNAPSHOT_VERSION, prompts: v.prompts, defaultPromptId: typeof v.defaultPromptId === 'string' ? v.defaultPromptId : null, tabs: v.tabs };
}
