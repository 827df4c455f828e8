import { useId, useState, type FormEvent } from 'react';
import { useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';
import './chat.css';

/** "New chat": a conversation without a saved prompt, with an optional system prompt (folded away). */
export function NewChatButton({ onStarted }: { onStarted: (instanceId: string) => void }) {
  const send = useCommand();
  const [systemPrompt, setSystemPrompt] = useState('');
  const [showSystem, setShowSystem] = useState(false);
  const { run, pending, error, clearError } = useCommandAction();
  const fieldId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const text = systemPrompt.trim();
    const result = await run(() => send('cmd/chat/new', text ? { systemPrompt: text } : {}));
    if (!result) return;
    setSystemPrompt('');
    setShowSystem(false);
    onStarted(result.instanceId);
  };

  return (
    <form className="new-chat" onSubmit={(event) => void submit(event)} aria-label="New chat">
      <button type="submit" disabled={pending} aria-busy={pending || undefined}>
        New chat
      </button>
      <button type="button" className="link-button" aria-expanded={showSystem} aria-controls={fieldId} onClick={() => setShowSystem((shown) => !shown)}>
        {systemPrompt.trim() && !showSystem ? 'System prompt (set)' : 'System prompt'}
      </button>
      <div id={fieldId} className="new-chat-system" hidden={!showSystem}>
        <textarea
          aria-label="System prompt"
          rows={3}
          maxLength={200_000}
          placeholder="Optional: how the model should answer in this chat"
          value={systemPrompt}
          onChange={(event) => setSystemPrompt(event.target.value)}
        />
      </div>
      <InlineError message={error} onDismiss={clearError} />
    </form>
  );
}
