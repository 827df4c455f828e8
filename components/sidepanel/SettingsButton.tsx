import { openExtensionPage } from '@/components/openExtensionPage';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';

/** Always in the panel's header: the way to the options page. */
export function SettingsButton() {
  const open = useCommandAction();
  return (
    <>
      <button type="button" className="settings-button" onClick={() => void open.run(() => openExtensionPage('/options.html'))} title="Open Flowbar's settings">
        <span aria-hidden="true">⚙</span> Settings
      </button>
      <InlineError message={open.error} onDismiss={open.clearError} />
    </>
  );
}
