// @vitest-environment jsdom
// The side panel's first screen before React: drawn from the snapshot (or, with none, empty), its
// controls disabled, names as text only; gone once React's UI is there.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PanelSnapshot } from '@/lib/panelSnapshot/snapshotFormat';
import { EMPTY_STATE_TEXT } from './emptyStateText';
import { buildPanelShell, drawPanelShell, PANEL_SHELL_ID, removePanelShell } from './panelShell';

const snapshot: PanelSnapshot = {
  v: 1,
  prompts: [
    { id: 'p1', name: 'Summarize' },
    { id: 'p2', name: 'Translate' },
  ],
  defaultPromptId: 'p2',
  tabs: [
    { instanceId: 'i1', title: 'Summarize: otters' },
    { instanceId: 'i2', title: 'Translate: rivers' },
  ],
};

const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((node) => node.textContent);

describe('panel shell', () => {
  beforeEach(() => {
    document.body.innerHTML = `<div id="${PANEL_SHELL_ID}"></div><div id="root"></div>`;
  });

  it('draws the snapshot: the prompt picker on the default prompt and the open tabs (the newest selected), every control disabled', () => {
    const shell = buildPanelShell(document, snapshot);
    const select = shell.querySelector<HTMLSelectElement>('select[aria-label="Prompt"]')!;
    expect(texts(select, 'option')).toEqual(['Summarize', 'Translate']);
    expect(select.value).toBe('p2');
    expect(texts(shell, '.tab-title')).toEqual(['Summarize: otters', 'Translate: rivers']);
    expect(shell.querySelector('.tab-selected')?.textContent).toBe('Translate: rivers');
    expect(shell.querySelector('.switcher-toggle')?.textContent).toContain('2 open');
    const controls = [...shell.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button, select')];
    expect(controls.length).toBeGreaterThanOrEqual(7);
    expect(controls.every((control) => control.disabled)).toBe(true);
    expect(shell.getAttribute('aria-busy')).toBe('true');
  });

  it('with no snapshot yet (a fresh profile) draws the empty first screen: header, New chat, a prompt picker placeholder', () => {
    const shell = buildPanelShell(document, null);
    expect(texts(shell, 'select[aria-label="Prompt"] option')).toEqual(['Prompts…']);
    expect(shell.querySelector('form[aria-label="New chat"] button')?.textContent).toBe('New chat');
    expect(shell.querySelector('.settings-button')?.textContent).toContain('Settings');
    expect(texts(shell, '.empty-state p')).toEqual([EMPTY_STATE_TEXT.lead, EMPTY_STATE_TEXT.hint, EMPTY_STATE_TEXT.tour]);
    expect(shell.querySelector('.tab')).toBeNull();
  });

  it('an empty library says so, as the real picker does', () => {
    expect(texts(buildPanelShell(document, { ...snapshot, prompts: [], tabs: [] }), 'option')).toEqual(['No prompts yet']);
  });

  it('puts names in as text: markup in a prompt name or a tab title stays characters', () => {
    const shell = buildPanelShell(document, {
      ...snapshot,
      prompts: [{ id: 'x', name: '<img src=x onerror=alert(1)>' }],
      tabs: [{ instanceId: 'i', title: '<b>bold</b>' }],
    });
    expect(shell.querySelector('img, b')).toBeNull();
    expect(shell.querySelector('option')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(shell.querySelector('.tab-title')?.textContent).toBe('<b>bold</b>');
  });

  it('is drawn into its place, and not at all once React has taken over (a late snapshot read draws nothing)', () => {
    expect(drawPanelShell(document, snapshot)).toBe(true);
    expect(document.querySelectorAll(`#${PANEL_SHELL_ID} .app`)).toHaveLength(1);
    expect(drawPanelShell(document, null)).toBe(true); // drawn again: replaced, never doubled
    expect(document.querySelectorAll(`#${PANEL_SHELL_ID} .app`)).toHaveLength(1);
    removePanelShell(document);
    expect(document.getElementById(PANEL_SHELL_ID)).toBeNull();
    expect(drawPanelShell(document, snapshot)).toBe(false);
    expect(document.querySelector('select[aria-label="Prompt"]')).toBeNull();
  });
});
