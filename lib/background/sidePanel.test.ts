// Which browser's panel API the background calls: Chrome's sidePanel, or Firefox's sidebarAction.
// (That the Firefox bundle holds no sidePanel call at all is checked by web-ext lint on the build.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPanelOnActionClick, openSidePanel } from './sidePanel';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

function fakeBrowsers() {
  const calls: string[] = [];
  let actionClick: (() => void) | undefined;
  vi.stubGlobal('chrome', {
    sidePanel: {
      open: (target: unknown) => (calls.push(`sidePanel.open ${JSON.stringify(target)}`), Promise.resolve()),
      setPanelBehavior: (behavior: unknown) => (calls.push(`sidePanel.setPanelBehavior ${JSON.stringify(behavior)}`), Promise.resolve()),
    },
  });
  vi.stubGlobal('browser', {
    sidebarAction: {
      open: () => (calls.push('sidebarAction.open'), Promise.resolve()),
      toggle: () => (calls.push('sidebarAction.toggle'), Promise.resolve()),
    },
    browserAction: { onClicked: { addListener: (listener: () => void) => (actionClick = listener) } },
  });
  return { calls, clickAction: () => actionClick?.() };
}

describe('side panel', () => {
  it('Chrome: opens the side panel of the tab, and the toolbar button opens it', () => {
    const { calls } = fakeBrowsers(); // the unit tests are built for Chrome: FIREFOX is false
    openSidePanel(7, 1);
    openPanelOnActionClick();
    expect(calls).toEqual(['sidePanel.open {"tabId":7}', 'sidePanel.setPanelBehavior {"openPanelOnActionClick":true}']);
  });

  it('Firefox: opens the sidebar, and the toolbar button toggles it; sidePanel is never called', () => {
    // The Firefox build defines FIREFOX as true; Vitest stubs env values as strings, and 'true' is as truthy.
    vi.stubEnv('FIREFOX', 'true');
    const { calls, clickAction } = fakeBrowsers();
    openSidePanel(7, 1);
    openPanelOnActionClick();
    clickAction();
    expect(calls).toEqual(['sidebarAction.open', 'sidebarAction.toggle']);
  });
});
