/** The outcome of what the user asked for: a success or a failure, in words. */
export type Feedback = { kind: 'ok' | 'error'; text: string } | null;

/** Shows a success in a role="status" element and a failure in a role="alert" element, as the full pages (options, flow editor) do. */
export function FeedbackMessage({ feedback, id }: { feedback: Feedback; id?: string }) {
  if (!feedback) return null;
  return feedback.kind === 'ok' ? (
    <p id={id} role="status" className="feedback feedback-ok">
      {feedback.text}
    </p>
  ) : (
    <p id={id} role="alert" className="feedback feedback-error">
      {feedback.text}
    </p>
  );
}
