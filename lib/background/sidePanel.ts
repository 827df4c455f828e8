// Background only. Firefox has a sidebar (sidebarAction) where Chrome has a side panel (sidePanel).
// `import.meta.env.FIREFOX` is a build-time constant, so each build keeps only its own browser's
// branch: the Firefox bundle contains no sidePanel call for `web-ext lint` to flag.

type FirefoxSidebar = { open(): Promise<void>; toggle(): Promise<void> };
type FirefoxApis = { sidebarAction?: FirefoxSidebar; browserAction?: { onClicked: { addListener(listener: () => void): void } } };
const firefoxApis = () => (globalThis as { browser?: FirefoxApis }).browser;

/** Opens the panel; must be called in the user gesture (menu click, command). */
export function openSidePanel(tabId: number | undefined, windowId: number | undefined): void {
  if (import.meta.env.FIREFOX) {
    firefoxApis()
      ?.sidebarAction?.open()
      .catch(() => undefined);
    return;
  }
  if (!chrome.sidePanel) return;
  const target = tabId !== undefined ? { tabId } : windowId !== undefined ? { windowId } : null;
  if (target) chrome.sidePanel.open(target).catch(() => undefined);
}

/** The toolbar button opens the panel (Firefox: toggles the sidebar, in the click's user gesture). */
export function openPanelOnActionClick(): void {
  if (import.meta.env.FIREFOX) {
    const apis = firefoxApis();
    apis?.browserAction?.onClicked.addListener(() => void apis.sidebarAction?.toggle().catch(() => undefined));
    return;
  }
  chrome.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}
