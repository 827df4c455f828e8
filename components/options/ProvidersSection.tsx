import { useEffect, useRef, useState } from 'react';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';
import { ProviderForm } from './ProviderForm';
import { ProviderList } from './ProviderList';
import { presetById, type ProviderPreset } from './providerPresets';
import { useOptionsRoute } from './useOptionsRoute';

/** What the form starts from: a saved provider, or a new one (from a preset, maybe to be the default). */
interface FormTarget {
  providerId: string | null;
  preset?: ProviderPreset;
  makeDefault?: boolean;
}

/**
 * The Providers section: the saved providers and the form that adds or edits one. A link such as
 * options.html#providers/new?preset=openai opens the form filled from that preset (see optionsRoute.ts).
 */
export function ProvidersSection() {
  const [target, setTarget] = useState<FormTarget>({ providerId: null });
  /** a new form (fresh fields) each time the user picks what to edit */
  const [formSeq, setFormSeq] = useState(0);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const route = useOptionsRoute();

  const openForm = (next: FormTarget) => {
    setFeedback(null);
    setTarget(next);
    setFormSeq((seq) => seq + 1);
  };

  useEffect(() => {
    // The route is the page's location hash, an outside system: a link opened at #providers/new opens the form.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- following an external value is what effects are for
    if (route?.kind === 'new-provider') openForm({ providerId: null, preset: presetById(route.preset), makeDefault: route.makeDefault });
    else if (route?.kind === 'edit-provider') openForm({ providerId: route.providerId });
    else return;
    sectionRef.current?.scrollIntoView({ block: 'start' });
  }, [route]);

  return (
    <section id="providers" ref={sectionRef} aria-labelledby="providers-heading" className="section">
      <div className="section-head">
        <h2 id="providers-heading">Providers</h2>
        <button type="button" onClick={() => openForm({ providerId: null })}>
          New provider
        </button>
      </div>
      <p className="intro">Any OpenAI-compatible API: a cloud service or a model running on your computer.</p>
      <ProviderList editingId={target.providerId} onEdit={(providerId) => openForm({ providerId })} />
      <FeedbackMessage feedback={feedback} />
      <ProviderForm
        key={formSeq}
        providerId={target.providerId}
        initialPreset={target.preset}
        makeDefaultInitially={target.makeDefault ?? false}
        focusFirstField={formSeq > 0}
        onSaved={(providerId) => setTarget({ providerId })}
        onDeleted={(name) => {
          openForm({ providerId: null });
          setFeedback({ kind: 'ok', text: `Deleted ${name}.` });
        }}
      />
    </section>
  );
}
