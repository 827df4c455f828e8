import { browser } from 'wxt/browser';

/** The full-tab chat page's address for an instance. */
export function chatPageUrl(instanceId: string): string {
  return browser.runtime.getURL(`/chat.html?instance=${encodeURIComponent(instanceId)}` as '/chat.html');
}

/** The instance a chat page shows (its `?instance=`), or null. */
export function instanceIdFromLocation(search: string): string | null {
  const id = new URLSearchParams(search).get('instance');
  return id && id.length <= 200 ? id : null;
}

/** "Open in a tab": the same instance in a full-tab chat page, live beside the panel. */
export async function openChatPage(instanceId: string): Promise<void> {
  await browser.tabs.create({ url: chatPageUrl(instanceId) });
}
