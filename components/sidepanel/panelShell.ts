import type { PanelSnapshot } from '@/lib/panelSnapshot/snapshotFormat';
import { EMPTY_STATE_TEXT } from './emptyStateText';

// The panel's first screen in plain DOM, drawn by entrypoints/panel-shell.ts before React's bundle
// has loaded: the same elements and classes as App's header, New chat, tab bar and empty state, every
// control disabled until the real ones replace it (App's first commit removes it, main.tsx). Drawn
// from the snapshot (prompt names, tab titles) or, with none yet (a fresh profile), as an empty
// first screen. Text goes in as text only: a name with markup stays characters.

type Child = Node | string | null | false;

function el(doc: Document, tag: string, attrs: Record<string, string | true>, ...children: Child[]): HTMLElement {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value === true ? '' : value);
  for (const child of children) if (child) node.append(child);
  return node;
}

function promptPicker(doc: Document, snapshot: PanelSnapshot | null): HTMLElement {
  const prompts = snapshot?.prompts ?? [];
  const selected = prompts.find((p) => p.id === snapshot?.defaultPromptId)?.id ?? prompts[0]?.id ?? '';
  const select = el(doc, 'select', { 'aria-label': 'Prompt', disabled: true });
  if (!snapshot) select.append(el(doc, 'option', { value: '' }, 'Prompts…'));
  else if (prompts.length === 0) select.append(el(doc, 'option', { value: '' }, 'No prompts yet'));
  for (const prompt of prompts) select.append(el(doc, 'option', { value: prompt.id }, prompt.name));
  (select as HTMLSelectElement).value = selected;
  return el(
    doc,
    'form',
    { class: 'new-run', 'aria-label': 'New' },
    el(doc, 'span', { class: 'new-run-label', 'aria-hidden': 'true' }, 'New'),
    select,
    el(doc, 'button', { type: 'submit', class: 'primary', disabled: true }, 'Run'),
  );
}

function tabBar(doc: Document, tabs: PanelSnapshot['tabs']): HTMLElement {
  const toolbar = el(
    doc,
    'div',
    { class: 'tabs-toolbar' },
    tabs.length > 0
      ? el(doc, 'div', { class: 'switcher' }, el(doc, 'button', { type: 'button', class: 'switcher-toggle', disabled: true }, `${tabs.length} open ▾`))
      : el(doc, 'span', { class: 'tablist-empty muted' }, 'No open conversations'),
    el(doc, 'button', { type: 'button', class: 'flows-toggle', disabled: true }, 'Flows'),
    el(doc, 'button', { type: 'button', class: 'history-toggle', disabled: true }, 'History'),
  );
  const strip =
    tabs.length > 0 &&
    el(
      doc,
      'div',
      { class: 'tab-strip' },
      el(
        doc,
        'div',
        { class: 'tablist' },
        ...tabs.map((tab, i) =>
          el(doc, 'span', { class: i === tabs.length - 1 ? 'tab tab-selected' : 'tab' }, el(doc, 'span', { class: 'tab-title' }, tab.title)),
        ),
      ),
    );
  return el(doc, 'nav', { class: 'tabs-bar', 'aria-label': 'Conversations' }, toolbar, strip);
}

/** The first screen as the snapshot describes it (null: none yet), ready to put in the page. */
export function buildPanelShell(doc: Document, snapshot: PanelSnapshot | null): HTMLElement {
  const tabs = snapshot?.tabs ?? [];
  const main =
    tabs.length === 0
      ? el(
          doc,
          'div',
          { class: 'empty-state' },
          el(doc, 'p', {}, EMPTY_STATE_TEXT.lead),
          el(doc, 'p', { class: 'muted' }, EMPTY_STATE_TEXT.hint),
          el(doc, 'p', {}, el(doc, 'button', { type: 'button', class: 'link-button', disabled: true }, EMPTY_STATE_TEXT.tour)),
        )
      : el(doc, 'p', { role: 'status', class: 'loading' }, 'Loading Flowbar…');
  return el(
    doc,
    'div',
    { class: 'app', 'aria-busy': 'true' },
    el(
      doc,
      'header',
      { class: 'panel-header' },
      el(
        doc,
        'div',
        { class: 'panel-header-row' },
        promptPicker(doc, snapshot),
        el(doc, 'button', { type: 'button', class: 'settings-button', disabled: true }, el(doc, 'span', { 'aria-hidden': 'true' }, '⚙'), ' Settings'),
      ),
      el(
        doc,
        'form',
        { class: 'new-chat', 'aria-label': 'New chat' },
        el(doc, 'button', { type: 'submit', disabled: true }, 'New chat'),
        el(doc, 'button', { type: 'button', class: 'link-button', disabled: true }, 'System prompt'),
      ),
    ),
    tabBar(doc, tabs),
    el(doc, 'main', { class: 'panel-main' }, main),
  );
}

export const PANEL_SHELL_ID = 'panel-shell';

/** Draws the shell into its place in the page, unless React's UI has already taken over (the place is gone). */
export function drawPanelShell(doc: Document, snapshot: PanelSnapshot | null): boolean {
  const place = doc.getElementById(PANEL_SHELL_ID);
  if (!place) return false;
  place.replaceChildren(buildPanelShell(doc, snapshot));
  return true;
}

/** App's first commit: the shell leaves the page (in the same frame, so nothing flashes or moves). */
export function removePanelShell(doc: Document): void {
  doc.getElementById(PANEL_SHELL_ID)?.remove();
}
