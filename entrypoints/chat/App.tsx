import { useEffect } from 'react';
import { instanceIdFromLocation } from '@/components/chat/chatPage';
import { InlineError } from '@/components/sidepanel/InlineError';
import { InstancePanel } from '@/components/sidepanel/InstancePanel';
import { useCommandAction } from '@/components/sidepanel/useCommandAction';
import { useAppSelector, useCommand } from '@/components/storeHooks';

/**
 * "Open in a tab": one instance in a full tab, the panel's own components in a wider layout. It is
 * another view of the same store, so an answer streams here and in the panel at once.
 */
export function App() {
  const instanceId = instanceIdFromLocation(location.search);
  const title = useAppSelector((state) => (instanceId ? state.promptExecution.instances[instanceId]?.title : undefined));
  const send = useCommand();
  const reopen = useCommandAction();

  useEffect(() => {
    document.title = title ? `${title} · Flowbar` : 'Conversation · Flowbar';
  }, [title]);

  if (!instanceId) {
    return (
      <main className="chat-page chat-page-empty">
        <h1>No conversation</h1>
        <p>Open a conversation from the side panel with “Open in a tab”.</p>
      </main>
    );
  }
  if (title === undefined) {
    return (
      <main className="chat-page chat-page-empty">
        <h1>This conversation is closed</h1>
        <p>It was closed in the panel; it is still in History.</p>
        <button type="button" className="primary" disabled={reopen.pending} onClick={() => void reopen.run(() => send('cmd/history/open', { instanceId }))}>
          Reopen it
        </button>
        <InlineError message={reopen.error} onDismiss={reopen.clearError} />
      </main>
    );
  }
  return (
    <main className="chat-page">
      <header className="chat-page-header">
        <h1>{title}</h1>
      </header>
      <InstancePanel instanceId={instanceId} standalone />
    </main>
  );
}
