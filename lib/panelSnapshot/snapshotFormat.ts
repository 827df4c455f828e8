// The snapshot's stored shape and its reader, apart from the selector that builds it (which needs
// Redux Toolkit): the panel's first script (entrypoints/panel-shell.ts) imports only this file.

export const PANEL_SNAPSHOT_KEY = 'panelSnapshot';
export const SNAPSHOT_VERSION = 1;

export interface PanelSnapshot {
  v: typeof SNAPSHOT_VERSION;
  prompts: Array<{ id: string; name: string }>;
  defaultPromptId: string | null;
  tabs: Array<{ instanceId: string; title: string }>;
}

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
