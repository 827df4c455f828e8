import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useCommand } from '@/components/storeHooks';
import { SHORTCUT_SETTINGS, SHORTCUTS, type ShortcutInfo } from '@/lib/setup/keyboardShortcuts';

const isFirefox = () => navigator.userAgent.includes('Firefox');

/**
 * The extension's keyboard shortcuts as the browser has them now (through the background), and
 * how to change them. Until the answer comes, the suggested keys.
 */
export function ShortcutList() {
  const send = useCommand();
  const [shortcuts, setShortcuts] = useState<readonly ShortcutInfo[]>(SHORTCUTS);
  const [openError, setOpenError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    send('cmd/shortcuts/list', {}).then(
      (result) => live && setShortcuts(result.shortcuts),
      () => undefined, // keep the suggested keys
    );
    return () => {
      live = false;
    };
  }, [send]);

  const openSettings = () => {
    setOpenError(null);
    // A page cannot link to chrome://; the tabs API may open it.
    browser.tabs.create({ url: SHORTCUT_SETTINGS.chrome }).catch(() => setOpenError(`Open ${SHORTCUT_SETTINGS.chrome} in the address bar.`));
  };

  return (
    <div className="shortcut-list">
      <table className="data-table">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.name}>
              <td>{shortcut.shortcut ? <kbd>{shortcut.shortcut}</kbd> : <em>not set</em>}</td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {isFirefox() ? (
        <p className="hint">Change them in {SHORTCUT_SETTINGS.firefox}.</p>
      ) : (
        <p className="hint">
          Change them in the browser's shortcut settings, <code>{SHORTCUT_SETTINGS.chrome}</code>:{' '}
          <button type="button" className="small" onClick={openSettings}>
            Change shortcuts
          </button>
        </p>
      )}
      {openError && <p role="alert">{openError}</p>}
    </div>
  );
}
