import { selectInstance, selectMissingVariables } from '@/lib/execution';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { describePageText } from './pageTextSummary';
import { useCommandAction } from './useCommandAction';

/**
 * The page as context of one instance: the size of the page text it uses (or why the page could
 * not be read), and "Use the whole page" when its prompt waits for a {{selection}} that is not there.
 */
export function PageAsContext({ instanceId }: { instanceId: string }) {
  const send = useCommand();
  const pageText = useAppSelector((state) => selectInstance(state, instanceId)?.pageText);
  const missing = useAppSelector((state) => selectMissingVariables(state, instanceId));
  const started = useAppSelector((state) => (selectInstance(state, instanceId)?.conversation.messages.length ?? 0) > 0);
  const usePage = useCommandAction();
  const offerWholePage = !started && missing.includes('selection');

  if (!pageText && !offerWholePage && !usePage.error) return null;
  return (
    <section className="page-as-context" aria-label="Page as context">
      {pageText && 'failed' in pageText && <p className="page-text-failed">Couldn’t read the page: {pageText.failed}</p>}
      {pageText && !('failed' in pageText) && (
        <p className="page-text-size muted" title={pageText.url}>
          {describePageText(pageText)}
        </p>
      )}
      {offerWholePage && (
        <div className="button-row">
          <span className="muted">Nothing is selected.</span>
          <button
            type="button"
            className="primary"
            disabled={usePage.pending}
            aria-busy={usePage.pending || undefined}
            onClick={() => void usePage.run(() => send('cmd/instance/useWholePage', { instanceId }))}
          >
            Use the whole page
          </button>
        </div>
      )}
      <InlineError message={usePage.error} onDismiss={usePage.clearError} />
    </section>
  );
}
