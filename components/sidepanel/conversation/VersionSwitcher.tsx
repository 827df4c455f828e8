import { selectIsInstanceBusy, selectVersionsOf } from '@/lib/execution';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from '../InlineError';
import { useCommandAction } from '../useCommandAction';

/** ‹ 2/3 ›: the versions of a turn (retried answers, edited questions); the conversation continues from the one shown. */
export function VersionSwitcher({ instanceId, messageId, kind }: { instanceId: string; messageId: string; kind: 'answer' | 'message' }) {
  const versions = useAppSelector((state) => selectVersionsOf(state, instanceId, messageId));
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const send = useCommand();
  const action = useCommandAction();
  if (!versions || versions.count < 2) return null;
  const go = (targetId: string | null) => targetId && void action.run(() => send('cmd/instance/selectVersion', { instanceId, messageId: targetId }));
  return (
    <div className="version-switcher" role="group" aria-label={`Versions of this ${kind}`}>
      <button
        type="button"
        className="icon-button"
        aria-label={`Previous version of this ${kind}`}
        disabled={busy || action.pending || !versions.previousId}
        onClick={() => go(versions.previousId)}
      >
        ‹
      </button>
      <span className="version-count">
        {versions.index}/{versions.count}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label={`Next version of this ${kind}`}
        disabled={busy || action.pending || !versions.nextId}
        onClick={() => go(versions.nextId)}
      >
        ›
      </button>
      <InlineError message={action.error} onDismiss={action.clearError} />
    </div>
  );
}
