import { useId } from 'react';
import { RoleSelect } from '@/components/RoleSelect';
import { newMessage, type MessageDraft } from './flowDraft';

interface MessagesEditorProps {
  messages: MessageDraft[];
  onChange(messages: MessageDraft[]): void;
  /** the ids of the hints the content fields refer to */
  describedBy?: string;
  error?: string;
  errorId: string;
  onFocusRequest(selector: string): void;
}

/** An action's own messages: a role and a content each; add and remove them. */
export function MessagesEditor({ messages, onChange, describedBy, error, errorId, onFocusRequest }: MessagesEditorProps) {
  const ids = useId();
  const update = (key: string, change: Partial<MessageDraft>) => onChange(messages.map((m) => (m.key === key ? { ...m, ...change } : m)));
  const add = () => {
    const last = messages[messages.length - 1];
    const message = newMessage(last?.role === 'user' ? 'assistant' : 'user');
    onChange([...messages, message]);
    onFocusRequest(`[data-focus="${message.key}:content"]`);
  };
  const remove = (index: number) => {
    const next = messages.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    onFocusRequest(neighbour ? `[data-focus="${neighbour.key}:content"]` : `[data-focus="${ids}:add"]`);
  };

  return (
    <fieldset className="flow-messages" aria-describedby={error ? errorId : undefined}>
      <legend>Messages</legend>
      <ol className="flow-message-list">
        {messages.map((message, index) => {
          const base = `${ids}-${message.key}`;
          return (
            <li key={message.key}>
              <fieldset className="flow-message">
                <legend className="visually-hidden">Message {index + 1}</legend>
                <div className="flow-message-head">
                  <label htmlFor={`${base}-role`} className="visually-hidden">
                    Role
                  </label>
                  <RoleSelect id={`${base}-role`} value={message.role} onChange={(role) => update(message.key, { role })} />
                  <button type="button" className="small danger" aria-label={`Remove message ${index + 1}`} onClick={() => remove(index)}>
                    Remove
                  </button>
                </div>
                <label htmlFor={`${base}-content`} className="visually-hidden">
                  Content
                </label>
                <textarea
                  id={`${base}-content`}
                  data-focus={`${message.key}:content`}
                  rows={Math.min(10, Math.max(3, message.content.split('\n').length + 1))}
                  value={message.content}
                  spellCheck
                  aria-describedby={describedBy}
                  onChange={(e) => update(message.key, { content: e.target.value })}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <button type="button" className="small" data-focus={`${ids}:add`} onClick={add}>
        Add message
      </button>
    </fieldset>
  );
}
