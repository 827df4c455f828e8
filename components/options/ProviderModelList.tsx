import { useId } from 'react';

/** The models a provider lists; choosing one fills the form's default model. */
export function ProviderModelList({ models, current, onChoose }: { models: string[]; current: string; onChoose(model: string): void }) {
  const headingId = useId();
  return (
    <div className="model-list">
      <h4 id={headingId}>Models the provider offers (choose one to use it)</h4>
      <ul aria-labelledby={headingId}>
        {models.map((model) => (
          <li key={model}>
            <button type="button" className="link-button" aria-pressed={model === current} onClick={() => onChoose(model)}>
              {model}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
