/** Background only. Opens the panel; must be called in the user gesture (menu click, command). */
export function openSidePanel(tabId: number | undefined, windowId: number | undefined): void {
  const firefoxSidebar = (globalThis as { browser?: { sidebarAction?: { open(): Promise<void> } } }).browser?.sidebarAction;
  if (firefoxSidebar) {
    void firefoxSidebar.open().catch(() => undefined);
    return;
  }
  if (!chrome.sidePanel) return;
  const target = tabId !== undefined ? { tabId } : windowId !== undefined ? { windowId } : null;
  if (target) chrome.sidePanel.open(target).catch(() => undefined);
}

export function openPanelOnActionClick(): void {
  chrome.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}
