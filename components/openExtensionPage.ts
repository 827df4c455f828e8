/** Opens one of the extension's pages in a new tab, e.g. openExtensionPage('/options.html', '#providers/new?preset=openai'). */
export async function openExtensionPage(path: '/options.html' | '/welcome.html', hash = ''): Promise<void> {
  await chrome.tabs.create({ url: chrome.runtime.getURL(`${path}${hash}`) });
}
