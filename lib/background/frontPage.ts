// Only the page in front of the user feeds a run: a page-context report counts only when it comes
// from the top frame of the active tab of the last focused normal window. A script in a background
// tab (or a hidden frame) can select text, but that selection never becomes {{selection}}.

/** Who sent a runtime message (the parts of chrome.runtime.MessageSender this decision reads). */
export interface ReportSender {
  id?: string;
  frameId?: number;
  tab?: { id?: number; windowId?: number };
}

/** The tab in front of the user: the active tab of the last focused normal window. */
export interface FrontTab {
  tabId: number;
  windowId: number;
}

export function isFrontPageReport(sender: ReportSender, extensionId: string, front: FrontTab | null): boolean {
  if (sender.id !== extensionId || !front) return false;
  if ((sender.frameId ?? 0) !== 0) return false;
  return sender.tab?.id === front.tabId && sender.tab.windowId === front.windowId;
}

/** Background only: asks the browser which tab is in front now (null when there is none). */
export async function queryFrontTab(): Promise<FrontTab | null> {
  try {
    const window = await chrome.windows.getLastFocused({ windowTypes: ['normal'] });
    if (window.id === undefined) return null;
    const [tab] = await chrome.tabs.query({ active: true, windowId: window.id });
    return tab?.id !== undefined ? { tabId: tab.id, windowId: window.id } : null;
  } catch {
    return null; // no normal window at all
  }
}
