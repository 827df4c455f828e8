import { downloadText } from '@/components/download';
import { openChatPage } from '@/components/chat/chatPage';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from '../InlineError';
import { useCommandAction } from '../useCommandAction';
import './conversation.css';

/** Export the conversation (Markdown or JSON) and, in the panel, open it in a full tab. */
export function ConversationToolbar({ instanceId, showOpenInTab = true }: { instanceId: string; showOpenInTab?: boolean }) {
  const hasMessages = useAppSelector((state) => (state.promptExecution.instances[instanceId]?.conversation.messages.length ?? 0) > 0);
  const send = useCommand();
  const action = useCommandAction();
  const exportAs = (format: 'markdown' | 'json') =>
    void action.run(async () => {
      const file = await send('cmd/conversations/export', { instanceIds: [instanceId], format });
      downloadText(file.text, file.fileName, file.mimeType);
    });
  return (
    <div className="conversation-toolbar" role="group" aria-label="Conversation">
      {hasMessages && (
        <>
          <button type="button" className="small-button" disabled={action.pending} onClick={() => exportAs('markdown')}>
            Export Markdown
          </button>
          <button type="button" className="small-button" disabled={action.pending} onClick={() => exportAs('json')}>
            Export JSON
          </button>
        </>
      )}
      {showOpenInTab && (
        <button type="button" className="small-button" onClick={() => void action.run(() => openChatPage(instanceId))}>
          Open in a tab
        </button>
      )}
      <InlineError message={action.error} onDismiss={action.clearError} />
    </div>
  );
}
