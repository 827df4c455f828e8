// The extension's keyboard commands (declared in wxt.config.ts `commands`) and how pages show them.
// The browser owns the actual keys: the user may change or clear them, so pages list what
// chrome.commands.getAll() reports, through the background (`cmd/shortcuts/list`).

export const RUN_DEFAULT_PROMPT_COMMAND = 'run-default-prompt';
export const NEW_CHAT_COMMAND = 'new-chat-on-selection';
/** Chrome: the toolbar action's command; with openPanelOnActionClick it opens the side panel. */
export const OPEN_PANEL_CHROME = '_execute_action';
/** Firefox: the sidebar's own command. */
export const OPEN_PANEL_FIREFOX = '_execute_sidebar_action';

export interface ShortcutInfo {
  name: string;
  description: string;
  /** '' when the user removed it or another extension took it */
  shortcut: string;
}

/** What each command does, in the order pages list them. Also the suggested keys. */
export const SHORTCUTS: readonly (ShortcutInfo & { names: readonly string[] })[] = [
  {
    name: 'open-panel',
    names: [OPEN_PANEL_CHROME, OPEN_PANEL_FIREFOX, '_execute_browser_action'],
    description: 'Open the Flowbar panel',
    shortcut: 'Alt+Shift+O',
  },
  { name: RUN_DEFAULT_PROMPT_COMMAND, names: [RUN_DEFAULT_PROMPT_COMMAND], description: 'Run the default prompt on the selection', shortcut: 'Alt+Shift+F' },
  { name: NEW_CHAT_COMMAND, names: [NEW_CHAT_COMMAND], description: 'New chat on the selection (opens the panel with it)', shortcut: 'Alt+Shift+M' },
];

/** Where the user changes them. */
export const SHORTCUT_SETTINGS = {
  chrome: 'chrome://extensions/shortcuts',
  firefox: 'about:addons → the gear menu → Manage Extension Shortcuts',
} as const;

/** The browser's commands as pages list them: our descriptions, the browser's keys, our order. */
export function describeShortcuts(commands: readonly { name?: string; shortcut?: string }[]): ShortcutInfo[] {
  return SHORTCUTS.map((known) => {
    const current = commands.find((command) => command.name !== undefined && known.names.includes(command.name));
    return { name: known.name, description: known.description, shortcut: current ? (current.shortcut ?? '') : known.shortcut };
  });
}
