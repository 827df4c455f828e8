import { useEffect, useId, useRef, useState } from 'react';
import { RoleSelect } from '@/components/RoleSelect';
import { newMessage, type MessageDraft } from './promptDraft';

type FocusTarget = { key: number; part: 'content' | 'up' | 'down' };

/** The messages of a prompt template: role and content of each; add, remove and reorder them. */
export function MessageListEditor({ messages, onChange }: { messages: MessageDraft[]; onChange(messages: MessageDraft[]): void }) {
  const ids = useId();
  const container = useRef<HTMLFieldSetElement>(null);
  // Moving or removing a message re-renders the list: put the focus back where the user was.
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);

  useEffect(() => {
    if (!focusTarget || !container.current) return;
    let element = container.current.querySelector<HTMLElement>(`[data-message="${focusTarget.key}"] [data-part="${focusTarget.part}"]`);
    if (element instanceof HTMLButtonElement && element.disabled) {
      // moved to an end: its button in that direction is disabled, take the other one
      const other = focusTarget.part === 'up' ? 'down' : 'up';
      element = container.current.querySelector<HTMLElement>(`[data-message="${focusTarget.key}"] [data-part="${other}"]`);
    }
    element?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const update = (key: number, change: Partial<MessageDraft>) => onChange(messages.map((m) => (m.key === key ? { ...m, ...change } : m)));

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= messages.length) return;
    const next = [...messages];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
    setFocusTarget({ key: messages[index].key, part: by < 0 ? 'up' : 'down' });
  };

  const remove = (index: number) => {
    if (messages.length <= 1) return;
    const next = messages.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    setFocusTarget({ key: neighbour.key, part: 'content' });
  };

  const add = () => {
    const last = messages[messages.length - 1];
    const message = newMessage(last?.role === 'user' ? 'assistant' : 'user');
    onChange([...messages, message]);
    setFocusTarget({ key: message.key, part: 'content' });
  };

  return (
    <fieldset className="messages" ref={container}>
      <legend>Messages</legend>
      <p className="hint">
        Write <code>{'{{name}}'}</code> where a value goes, e.g. <code>{'{{selection}}'}</code> for the selected text.
      </p>
      <ol className="message-list">
        {messages.map((message, index) => {
          const base = `${ids}-${message.key}`;
          return (
            <li key={message.key} data-message={message.key}>
              <fieldset className="message">
                <legend>Message {index + 1}</legend>
                <div className="message-head">
                  <div className="field">
                    <label htmlFor={`${base}-role`}>Role</label>
                    <RoleSelect id={`${base}-role`} value={message.role} onChange={(role) => update(message.key, { role })} />
                  </div>
                  <div className="button-row">
                    <button type="button" className="small" data-part="up" disabled={index === 0} onClick={() => move(index, -1)}>
                      Move up
                    </button>
                    <button type="button" className="small" data-part="down" disabled={index === messages.length - 1} onClick={() => move(index, 1)}>
                      Move down
                    </button>
                    <button type="button" className="small danger" disabled={messages.length <= 1} onClick={() => remove(index)}>
                      Remove
                    </button>
                  </div>
                </div>
                <div className="field">
                  <label htmlFor={`${base}-content`}>Content</label>
                  <textarea
                    id={`${base}-content`}
                    data-part="content"
                    rows={Math.min(12, Math.max(3, message.content.split('\n').length + 1))}
                    value={message.content}
                    spellCheck
                    onChange={(e) => update(message.key, { content: e.target.value })}
                  />
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={add}>
        Add message
      </button>
    </fieldset>
  );
}
