import { useId, useRef, useState, type FormEvent } from 'react';
import { useCommand } from '@/components/storeHooks';
import type { PriceTable } from '@/lib/types';
import { AddForm } from './AddForm';
import { errorMessage } from './errorMessage';
import type { Feedback } from './FeedbackMessage';
import { parsePrice, PriceInput } from './PriceInput';

/** Adds the prices of a model (or replaces those of a listed one). */
export function PriceAddForm({ existing }: { existing: PriceTable }) {
  const send = useCommand();
  const ids = useId();
  const modelRef = useRef<HTMLInputElement>(null);
  const [model, setModel] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const name = model.trim();
    const inputValue = parsePrice(input);
    const outputValue = parsePrice(output);
    if (!name) {
      setFeedback({ kind: 'error', text: 'Enter the model id, e.g. gpt-4o-mini.' });
      modelRef.current?.focus();
      return;
    }
    if (inputValue === null || outputValue === null) {
      setFeedback({ kind: 'error', text: 'Enter both prices as numbers of 0 or more (USD per million tokens).' });
      document.getElementById(inputValue === null ? `${ids}-input` : `${ids}-output`)?.focus();
      return;
    }
    const existed = existing[name] !== undefined;
    setBusy(true);
    try {
      await send('cmd/prices/set', { model: name, inputPerMillion: inputValue, outputPerMillion: outputValue });
      setFeedback({ kind: 'ok', text: `${existed ? 'Updated' : 'Added'} the prices of ${name}.` });
      setModel('');
      setInput('');
      setOutput('');
      modelRef.current?.focus();
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AddForm title="Add a price" submitLabel="Add price" busy={busy} feedback={feedback} onSubmit={(e) => void submit(e)}>
      <div className="field grow">
        <label htmlFor={`${ids}-model`}>Model</label>
        <input id={`${ids}-model`} ref={modelRef} value={model} spellCheck={false} placeholder="gpt-4o-mini" onChange={(e) => setModel(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-input`}>Input $/M</label>
        <PriceInput id={`${ids}-input`} value={input} onChange={(e) => setInput(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-output`}>Output $/M</label>
        <PriceInput id={`${ids}-output`} value={output} onChange={(e) => setOutput(e.target.value)} />
      </div>
    </AddForm>
  );
}
