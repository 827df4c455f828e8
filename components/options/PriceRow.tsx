import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useCommand } from '@/components/storeHooks';
import type { ModelPrice } from '@/lib/types';
import { errorMessage } from './errorMessage';
import type { Feedback } from './FeedbackMessage';
import { parsePrice } from './priceInput';

interface PriceRowProps {
  model: string;
  price: ModelPrice;
  /** ids of the table's visible column headers, which label the fields */
  inputHeaderId: string;
  outputHeaderId: string;
  onFeedback(feedback: Feedback): void;
  onDeleted(): void;
}

/** One model's prices, edited in place: change a field, then Save (or Enter). */
export function PriceRow({ model, price, inputHeaderId, outputHeaderId, onFeedback, onDeleted }: PriceRowProps) {
  const send = useCommand();
  const ids = useId();
  const [input, setInput] = useState(String(price.inputPerMillion));
  const [output, setOutput] = useState(String(price.outputPerMillion));
  const [busy, setBusy] = useState(false);

  // follow the store when the price changes elsewhere (or once saved)
  useEffect(() => setInput(String(price.inputPerMillion)), [price.inputPerMillion]);
  useEffect(() => setOutput(String(price.outputPerMillion)), [price.outputPerMillion]);

  const inputValue = parsePrice(input);
  const outputValue = parsePrice(output);
  const changed = inputValue !== price.inputPerMillion || outputValue !== price.outputPerMillion;
  const invalid = inputValue === null || outputValue === null;

  const save = async (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    if (busy || !changed) return;
    if (inputValue === null || outputValue === null) {
      onFeedback({ kind: 'error', text: `The prices of ${model} must be numbers of 0 or more.` });
      return;
    }
    setBusy(true);
    try {
      await send('cmd/prices/set', { model, inputPerMillion: inputValue, outputPerMillion: outputValue });
      onFeedback({ kind: 'ok', text: `Saved the prices of ${model}.` });
    } catch (error) {
      onFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await send('cmd/prices/delete', { model });
      onFeedback({ kind: 'ok', text: `Deleted the prices of ${model}.` });
      onDeleted();
    } catch (error) {
      onFeedback({ kind: 'error', text: errorMessage(error) });
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void save(event);
  };

  return (
    <tr className={changed ? 'row-changed' : undefined}>
      <th scope="row" id={`${ids}-model`}>
        <code>{model}</code>
      </th>
      <td>
        <input
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={input}
          aria-labelledby={`${inputHeaderId} ${ids}-model`}
          aria-invalid={inputValue === null ? true : undefined}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </td>
      <td>
        <input
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={output}
          aria-labelledby={`${outputHeaderId} ${ids}-model`}
          aria-invalid={outputValue === null ? true : undefined}
          onChange={(e) => setOutput(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </td>
      <td className="row-actions">
        <button type="button" className={changed ? 'small primary' : 'small'} disabled={busy || !changed || invalid} onClick={() => void save()}>
          Save<span className="visually-hidden"> {model}</span>
        </button>
        <button type="button" className="small danger" disabled={busy} onClick={() => void remove()}>
          Delete<span className="visually-hidden"> {model}</span>
        </button>
      </td>
    </tr>
  );
}
