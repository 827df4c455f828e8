import { browser } from 'wxt/browser';

/** Opens one of the extension's pages in a new tab, e.g. openExtensionPage('/options.html', '#providers/new?preset=openai'). */
export async function openExtensionPage(path: '/options.html' | '/welcome.html', hash = ''): Promise<void> {
  await browser.tabs.create({ url: `${browser.runtime.getURL(path)}${hash}` });
}
