import { useId, useState } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { CardListItem } from './CardListItem';
import { errorMessage } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

interface PromptListProps {
  editingId: string | null;
  onEdit(id: string): void;
  onDeleted(id: string): void;
}

/** The prompt library: each prompt with its default marker and its actions. */
export function PromptList({ editingId, onEdit, onDeleted }: PromptListProps) {
  const { byId, order, defaultPromptId } = useAppSelector((state) => state.prompts);
  const send = useCommand();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const listId = useId();
  const [busyId, setBusyId] = useState<string | null>(null);

  const ids = [...order].filter((id) => byId[id]).sort((a, b) => byId[a].name.localeCompare(byId[b].name));

  const run = async (id: string, action: () => Promise<string>) => {
    setBusyId(id);
    setFeedback(null);
    try {
      setFeedback({ kind: 'ok', text: await action() });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusyId(null);
    }
  };

  const makeDefault = (id: string) =>
    run(id, async () => {
      await send('cmd/prompts/setDefault', { id });
      return `${byId[id]?.name ?? 'The prompt'} is now the default prompt.`;
    });

  const togglePin = (id: string) =>
    run(id, async () => {
      const pinned = !byId[id]?.pinned;
      await send('cmd/prompts/setPinned', { id, pinned });
      return `${byId[id]?.name ?? 'The prompt'} is ${pinned ? 'pinned: the panel offers it first' : 'no longer pinned'}.`;
    });

  const remove = (id: string) => {
    const name = byId[id]?.name ?? 'this prompt';
    if (!window.confirm(`Delete the prompt “${name}”? This cannot be undone.`)) return;
    void run(id, async () => {
      await send('cmd/prompts/delete', { id });
      onDeleted(id);
      return `Deleted ${name}.`;
    });
  };

  if (ids.length === 0) return <p className="empty">The library is empty: create a prompt or import some.</p>;

  return (
    <>
      <ul className="card-list" aria-label="Prompts">
        {ids.map((id, index) => {
          const prompt = byId[id];
          const isDefault = id === defaultPromptId;
          const titleId = `${listId}-${index}`;
          return (
            <CardListItem
              key={id}
              titleId={titleId}
              title={prompt.name}
              isDefault={isDefault}
              editing={id === editingId}
              badges={
                <>
                  {prompt.pinned && <span className="badge">Pinned</span>}
                  {prompt.builtIn && <span className="badge badge-muted">Built-in</span>}
                </>
              }
              details={prompt.description && <p className="card-detail">{prompt.description}</p>}
            >
              {!isDefault && (
                <button type="button" className="small" aria-describedby={titleId} disabled={busyId === id} onClick={() => void makeDefault(id)}>
                  Make default
                </button>
              )}
              <button type="button" className="small" aria-describedby={titleId} disabled={busyId === id} onClick={() => void togglePin(id)}>
                {prompt.pinned ? 'Unpin' : 'Pin'}
              </button>
              <button type="button" className="small" aria-describedby={titleId} onClick={() => onEdit(id)}>
                Edit
              </button>
              <button type="button" className="small danger" aria-describedby={titleId} disabled={busyId === id} onClick={() => remove(id)}>
                Delete
              </button>
            </CardListItem>
          );
        })}
      </ul>
      <FeedbackMessage feedback={feedback} />
    </>
  );
}
