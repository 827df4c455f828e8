import { defineConfig } from 'wxt';

// Extension pages may load nothing remote: model output is untrusted, so no remote images, scripts or frames.
// Firefox only: frames of the extension's own pages ('self'), for the PDF reader the MV2 background
// page frames (lib/background/pdfReaderFrame.ts); Chrome's reader is an offscreen document, not a frame.
const extensionPagesCsp = (browser: string) =>
  `script-src 'self'; object-src 'none'; img-src 'self'; frame-src ${browser === 'firefox' ? "'self'" : "'none'"}; base-uri 'none'; form-action 'none'`;

// Firefox 140 is the first to show the data an extension transmits at install (built-in consent).
// Flowbar sends what the user runs a prompt on (the selection, the page's text, its title and URL) to
// the provider the user configured: website content and browsing activity, without which it cannot work.
const FIREFOX_GECKO_SETTINGS = {
  id: 'flowbar@flowbar.dev',
  strict_min_version: '140.0',
  data_collection_permissions: { required: ['websiteContent', 'browsingActivity'] },
};

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser, mode }) => ({
    name: 'Flowbar',
    description: 'Run saved prompts and prompt flows on what you are reading.',
    // Why each permission is needed: docs/permissions.md.
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'scripting',
      'declarativeNetRequestWithHostAccess',
      // offscreen: the PDF reader page (pdf.js needs a DOM and a worker; the MV3 worker has neither)
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    // Any page (the content script) and any OpenAI-compatible endpoint the user adds.
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Open Flowbar' },
    // Listed with their descriptions in lib/setup/keyboardShortcuts.ts (the welcome and options pages).
    // The panel's shortcut is the browser's own command: Chrome's `_execute_action` (the action opens
    // the side panel, openPanelOnActionClick; Chrome has no side-panel command), Firefox's
    // `_execute_sidebar_action`. Chromium on Linux leaves some Alt+Shift keys unassigned (C, N, P
    // among them: they reach the extension as "not set"), hence O and M.
    commands: {
      [browser === 'firefox' ? '_execute_sidebar_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+O' },
        description: 'Open the Flowbar panel',
      },
      'run-default-prompt': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: 'Run the default prompt on the selection',
      },
      'new-chat-on-selection': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: 'New chat on the selection',
      },
    },
    ...(mode === 'production' ? { content_security_policy: { extension_pages: extensionPagesCsp(browser) } } : {}),
    // Firefox for Android shows the consent from 142 on.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: FIREFOX_GECKO_SETTINGS, gecko_android: { strict_min_version: '142.0' } } } : {}),
  }),
});
