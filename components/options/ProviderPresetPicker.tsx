import { PROVIDER_PRESETS, type ProviderPreset } from './providerPresets';

/** Buttons that fill the provider form with a well-known endpoint. */
export function ProviderPresetPicker({ onPick }: { onPick(preset: ProviderPreset): void }) {
  return (
    <fieldset className="presets">
      <legend>Fill in from a preset</legend>
      <div className="button-row">
        {PROVIDER_PRESETS.map((preset) => (
          <button key={preset.label} type="button" className="small" onClick={() => onPick(preset)} title={preset.baseURL}>
            {preset.label}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
