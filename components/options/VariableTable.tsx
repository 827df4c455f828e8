import { useId, useRef, useState } from 'react';
import type { VariableScope } from '@/lib/types';
import { EditableTable } from './EditableTable';
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
        <EditableTable
          labelledBy={`${ids}-heading`}
          columns={[
            { label: 'Name', id: `${ids}-name` },
            { label: 'Value', id: `${ids}-value` },
          ]}
        >
          {names.map((name) => (
            <VariableRow
              key={name}
              scope={scope}
              name={name}
              value={values[name]}
              valueHeaderId={`${ids}-value`}
              onFeedback={setFeedback}
              onDeleted={() => requestAnimationFrame(() => headingRef.current?.focus())}
            />
          ))}
        </EditableTable>
      )}
      <FeedbackMessage feedback={feedback} />
    </div>
  );
}
