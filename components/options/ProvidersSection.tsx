import { useState } from 'react';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';
import { ProviderForm } from './ProviderForm';
import { ProviderList } from './ProviderList';

/** The Providers section: the saved providers and the form that adds or edits one. */
export function ProvidersSection() {
  const [editingId, setEditingId] = useState<string | null>(null);
  /** a new form (fresh fields) each time the user picks what to edit */
  const [formSeq, setFormSeq] = useState(0);
  const [feedback, setFeedback] = useState<Feedback>(null);

  const openForm = (id: string | null) => {
    setFeedback(null);
    setEditingId(id);
    setFormSeq((seq) => seq + 1);
  };

  return (
    <section id="providers" aria-labelledby="providers-heading" className="section">
      <div className="section-head">
        <h2 id="providers-heading">Providers</h2>
        <button type="button" onClick={() => openForm(null)}>
          New provider
        </button>
      </div>
      <p className="intro">Any OpenAI-compatible API: a cloud service or a model running on your computer.</p>
      <ProviderList editingId={editingId} onEdit={openForm} />
      <FeedbackMessage feedback={feedback} />
      <ProviderForm
        key={formSeq}
        providerId={editingId}
        focusFirstField={formSeq > 0}
        onSaved={setEditingId}
        onDeleted={(name) => {
          openForm(null);
          setFeedback({ kind: 'ok', text: `Deleted ${name}.` });
        }}
      />
    </section>
  );
}
