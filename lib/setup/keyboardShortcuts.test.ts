import { describe, expect, it } from 'vitest';
import { describeShortcuts } from './keyboardShortcuts';

describe('the shortcut list', () => {
  it('shows the keys the browser reports, including a removed one, in a fixed order', () => {
    const listed = describeShortcuts([
      { name: 'new-chat-on-selection', shortcut: '' },
      { name: 'run-default-prompt', shortcut: 'Ctrl+Shift+1' },
      { name: '_execute_action', shortcut: 'Alt+Shift+O' },
    ]);
    expect(listed).toEqual([
      { name: 'open-panel', description: 'Open the Flowbar panel', shortcut: 'Alt+Shift+O' },
      { name: 'run-default-prompt', description: 'Run the default prompt on the selection', shortcut: 'Ctrl+Shift+1' },
      { name: 'new-chat-on-selection', description: 'New chat on the selection (opens the panel with it)', shortcut: '' },
    ]);
  });

  it("knows Firefox's sidebar command as the panel shortcut", () => {
    expect(describeShortcuts([{ name: '_execute_sidebar_action', shortcut: 'Alt+Shift+Y' }])[0].shortcut).toBe('Alt+Shift+Y');
  });
});
