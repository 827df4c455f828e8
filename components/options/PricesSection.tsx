import { useId, useRef, useState } from 'react';
import { useAppSelector } from '@/components/storeHooks';
import { EditableTable } from './EditableTable';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';
import { PriceAddForm } from './PriceAddForm';
import { PriceRow } from './PriceRow';

/** The Prices section: USD per million tokens by model, for the cost estimates. */
export function PricesSection() {
  const table = useAppSelector((state) => state.prices.table);
  const ids = useId();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const models = Object.keys(table).sort((a, b) => a.localeCompare(b));

  return (
    <section id="prices" aria-labelledby="prices-heading" className="section">
      <h2 id="prices-heading" ref={headingRef} tabIndex={-1}>
        Prices
      </h2>
      <p className="intro">
        USD per million tokens, for the cost shown after each answer. A model id also prices its variants (<code>gpt-4o</code> prices{' '}
        <code>gpt-4o-2024-08-06</code>); models not listed get no estimate.
      </p>
      {models.length === 0 ? (
        <p className="empty">No prices.</p>
      ) : (
        <EditableTable
          labelledBy="prices-heading"
          className="prices-table"
          columns={[{ label: 'Model' }, { label: 'Input $/M', id: `${ids}-input` }, { label: 'Output $/M', id: `${ids}-output` }]}
        >
          {models.map((model) => (
            <PriceRow
              key={model}
              model={model}
              price={table[model]}
              inputHeaderId={`${ids}-input`}
              outputHeaderId={`${ids}-output`}
              onFeedback={setFeedback}
              onDeleted={() => requestAnimationFrame(() => headingRef.current?.focus())}
            />
          ))}
        </EditableTable>
      )}
      <FeedbackMessage feedback={feedback} />
      <PriceAddForm existing={table} />
    </section>
  );
}
