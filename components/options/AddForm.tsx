import { useId, type FormEvent, type ReactNode } from 'react';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

interface AddFormProps {
  title: string;
  submitLabel: string;
  busy: boolean;
  feedback: Feedback;
  onSubmit(event: FormEvent): void;
  /** the fields, side by side before the submit button */
  children: ReactNode;
}

/** The form under a table that adds an entry to it: a titled panel, a row of fields ending with its submit button, and the outcome. */
export function AddForm({ title, submitLabel, busy, feedback, onSubmit, children }: AddFormProps) {
  const headingId = useId();
  return (
    <form className="panel inline-form" onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <div className="form-row">
        {children}
        <div className="field field-button">
          <button type="submit" className="primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </div>
      <FeedbackMessage feedback={feedback} />
    </form>
  );
}
