import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useCommand } from '@/components/storeHooks';
import type { ModelPrice } from '@/lib/types';
import type { Feedback } from './FeedbackMessage';
import { parsePrice, PriceInput } from './PriceInput';
import { useRowCommands } from './useRowCommands';

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
  const { busy, save: saveRow, remove: removeRow } = useRowCommands(onFeedback, onDeleted);

  // follow the store when the price changes elsewhere (or once saved)
  /* eslint-disable react-hooks/set-state-in-effect -- the edited text follows the stored price, a prop that changes outside this row */
  useEffect(() => setInput(String(price.inputPerMillion)), [price.inputPerMillion]);
  useEffect(() => setOutput(String(price.outputPerMillion)), [price.outputPerMillion]);
  /* eslint-enable react-hooks/set-state-in-effect */

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
    await saveRow(() => send('cmd/prices/set', { model, inputPerMillion: inputValue, outputPerMillion: outputValue }), `Saved the prices of ${model}.`);
  };

  const remove = () => removeRow(() => send('cmd/prices/delete', { model }), `Deleted the prices of ${model}.`);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void save(event);
  };

  /** a price field, labelled by its column's header and this row's model */
  const priceCell = (value: string, parsed: number | null, headerId: string, onChange: (value: string) => void) => (
    <td>
      <PriceInput
        value={value}
        aria-labelledby={`${headerId} ${ids}-model`}
        aria-invalid={parsed === null ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </td>
  );

  return (
    <tr className={changed ? 'row-changed' : undefined}>
      <th scope="row" id={`${ids}-model`}>
        <code>{model}</code>
      </th>
      {priceCell(input, inputValue, inputHeaderId, setInput)}
      {priceCell(output, outputValue, outputHeaderId, setOutput)}
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
