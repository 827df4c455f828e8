import { selectInstance } from '@/lib/execution';
import { useAppSelector } from '@/components/storeHooks';
import type { ErrorKind } from '@/lib/types';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';

/** Errors the user fixes in the options page (provider, key, permissions). */
const SETTINGS_KINDS: ReadonlySet<ErrorKind> = new Set(['auth', 'forbidden', 'no-provider', 'origin-refused']);

/** The instance's error, with a way to the options when the fix is there. */
export function InstanceErrorAlert({ instanceId }: { instanceId: string }) {
  const error = useAppSelector((state) => selectInstance(state, instanceId)?.error ?? null);
  const options = useCommandAction();
  if (!error) return null;
  return (
    <div role="alert" className="error-box">
      <p>{error.message}</p>
      {SETTINGS_KINDS.has(error.kind) && (
        <button type="button" onClick={() => void options.run(() => chrome.runtime.openOptionsPage())}>
          Open options
        </button>
      )}
      <InlineError message={options.error} onDismiss={options.clearError} />
    </div>
  );
}
