import { useId, useState } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { CardListItem } from './CardListItem';
import { errorMessage } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

/** The saved providers: what each points at, whether it has a key, and which one is the default. */
export function ProviderList({ editingId, onEdit }: { editingId: string | null; onEdit(id: string): void }) {
  const { byId, order, defaultProviderId } = useAppSelector((state) => state.providers);
  const send = useCommand();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const listId = useId();

  const makeDefault = async (id: string) => {
    setFeedback(null);
    try {
      await send('cmd/providers/setDefault', { id });
      setFeedback({ kind: 'ok', text: `${byId[id]?.name ?? 'The provider'} is now used by default.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    }
  };

  if (order.length === 0) return <p className="empty">No provider yet: add one below.</p>;

  return (
    <>
      <ul className="card-list" aria-label="Providers">
        {order.map((id, index) => {
          const provider = byId[id];
          if (!provider) return null;
          const isDefault = id === defaultProviderId;
          const titleId = `${listId}-${index}`;
          return (
            <CardListItem
              key={id}
              titleId={titleId}
              title={provider.name}
              isDefault={isDefault}
              editing={id === editingId}
              details={
                <>
                  <p className="card-detail">
                    <code className="url">{provider.baseURL}</code>
                  </p>
                  <p className="card-detail">
                    <span>Default model: {provider.defaultModel ? <code>{provider.defaultModel}</code> : <em>none</em>}</span>
                    <span className={provider.hasKey ? 'key-set' : 'key-unset'}>Key: {provider.hasKey ? 'set' : 'not set'}</span>
                  </p>
                </>
              }
            >
              <label className="check">
                <input type="radio" name="default-provider" checked={isDefault} aria-describedby={titleId} onChange={() => void makeDefault(id)} />
                Use by default
              </label>
              <button type="button" aria-describedby={titleId} onClick={() => onEdit(id)}>
                Edit
              </button>
            </CardListItem>
          );
        })}
      </ul>
      <FeedbackMessage feedback={feedback} />
    </>
  );
}
