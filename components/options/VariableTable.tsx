import { useId, useRef, useState } from 'react';
import type { VariableScope } from '@/lib/types';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';
import { VariableRow } from './VariableRow';

/** The variables of one scope, each editable and deletable in place. */
export function VariableTable({ scope, label, values }: { scope: VariableScope; label: string; values: Record<string, string> }) {
  const ids = useId();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const names = Object.keys(values).sort((a, b) => a.localeCompare(b));
  return (
    <div className="group">
      <h3 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {label}
      </h3>
      {names.length === 0 ? (
        <p className="empty">No {label.toLowerCase()} variables.</p>
      ) : (
        <table className="data-table" aria-labelledby={`${ids}-heading`}>
          <thead>
            <tr>
              <th scope="col" id={`${ids}-name`}>
                Name
              </th>
              <th scope="col" id={`${ids}-value`}>
                Value
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => (
              <VariableRow key={name} scope={scope} name={name} value={values[name]} valueHeaderId={`${ids}-value`} onFeedback={setFeedback}
                onDeleted={() => requestAnimationFrame(() => headingRef.current?.focus())}
              />
            ))}
          </tbody>
        </table>
      )}
      <FeedbackMessage feedback={feedback} />
    </div>
  );
}
