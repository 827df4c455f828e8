import { defineConfig } from 'wxt';

// Extension pages may load nothing remote: model output is untrusted, so no remote images, scripts or frames.
const EXTENSION_PAGES_CSP =
  "script-src 'self'; object-src 'none'; img-src 'self'; frame-src 'none'; base-uri 'none'; form-action 'none'";

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
      'unlimitedStorage',
      'contextMenus',
      'scripting',
      'declarativeNetRequestWithHostAccess',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Any page (the content script) and any OpenAI-compatible endpoint the user adds.
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Open Flowbar' },
    commands: {
      'run-default-prompt': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: 'Run the default prompt on the selection',
      },
    },
    ...(mode === 'production' ? { content_security_policy: { extension_pages: EXTENSION_PAGES_CSP } } : {}),
    // Firefox for Android shows the consent from 142 on.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: FIREFOX_GECKO_SETTINGS, gecko_android: { strict_min_version: '142.0' } } } : {}),
  }),
});
