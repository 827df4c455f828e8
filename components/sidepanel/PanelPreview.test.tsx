// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, expect, it } from 'vitest';
import type { PageStore } from '@/lib/bridge/pageStore';
import { StoreRoot } from '../StoreRoot';
import { PanelPreview } from './PanelPreview';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

it('until the state arrives the panel draws the snapshot: the prompt picker (disabled, on the default prompt) and the tab titles', () => {
  const container = document.createElement('div');
  const root = createRoot(container);
  const neverConnected = new Promise<PageStore>(() => undefined);
  const snapshot = {
    v: 1 as const,
    prompts: [
      { id: 'p1', name: 'Summarize' },
      { id: 'p2', name: 'Translate' },
    ],
    defaultPromptId: 'p2',
    tabs: [{ instanceId: 'i1', title: 'Summarize: otters' }],
  };
  act(() =>
    root.render(
      <StoreRoot connecting={neverConnected} preview={<PanelPreview snapshot={snapshot} />}>
        <p>the real panel</p>
      </StoreRoot>,
    ),
  );
  const select = container.querySelector<HTMLSelectElement>('select[aria-label="Prompt"]');
  expect(select?.disabled).toBe(true);
  expect([...select!.options].map((o) => o.textContent)).toEqual(['Summarize', 'Translate']);
  expect(select?.value).toBe('p2');
  expect(container.querySelector('.tab-title')?.textContent).toBe('Summarize: otters');
  expect(container.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(true);
  expect(container.textContent).not.toContain('the real panel');
  act(() => root.unmount());
});
