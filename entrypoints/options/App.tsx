import { GeneralSection } from '@/components/options/GeneralSection';
import { PricesSection } from '@/components/options/PricesSection';
import { PromptsSection } from '@/components/options/PromptsSection';
import { ProvidersSection } from '@/components/options/ProvidersSection';
import { SelectionButtonSection } from '@/components/options/SelectionButtonSection';
import { ShortcutsSection } from '@/components/options/ShortcutsSection';
import { VariablesSection } from '@/components/options/VariablesSection';

const SECTIONS = [
  { id: 'providers', label: 'Providers' },
  { id: 'variables', label: 'Variables' },
  { id: 'prompts', label: 'Prompts' },
  { id: 'prices', label: 'Prices' },
  { id: 'general', label: 'General' },
  { id: 'selection-button', label: 'Selection button' },
  { id: 'shortcuts', label: 'Shortcuts' },
] as const;

/** The options page: providers, scoped variables, the prompt library, the price table, general settings and the keyboard shortcuts. */
export function App() {
  return (
    <>
      <header className="page-header">
        <div className="page-width header-row">
          <h1>Flowbar settings</h1>
          <nav aria-label="Sections">
            <ul>
              {SECTIONS.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id}`}>{section.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main className="page-width">
        <ProvidersSection />
        <VariablesSection />
        <PromptsSection />
        <PricesSection />
        <GeneralSection />
        <SelectionButtonSection />
        <ShortcutsSection />
      </main>
    </>
  );
}
