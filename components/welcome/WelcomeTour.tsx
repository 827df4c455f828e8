import { openExtensionPage } from '@/components/openExtensionPage';
import { optionsHash } from '@/components/options/optionsRoute';
import { ShortcutList } from '@/components/ShortcutList';
import { DEFAULT_PROVIDER } from '@/lib/setup/firstInstallDefaults';
import { useReportSelection } from './useReportSelection';

const SAMPLE_TEXT =
  'Photosynthesis is how plants, algae and some bacteria turn light into chemical energy. In the ' +
  'chloroplasts of a leaf, chlorophyll absorbs sunlight; that energy splits water, releasing oxygen, ' +
  'and builds sugars from the carbon dioxide the leaf takes in through its stomata. Nearly all life ' +
  'on Earth depends on it, directly or through the food chain.';

/** The welcome page: sample text to select, the ways to run a prompt, the shortcuts, and the provider. */
export function WelcomeTour() {
  useReportSelection();
  const host = new URL(DEFAULT_PROVIDER.baseURL).host;
  return (
    <>
      <header className="page-header">
        <div className="page-width header-row">
          <h1>Welcome to Flowbar</h1>
        </div>
      </header>
      <main className="page-width welcome">
        <p className="intro">Flowbar runs your prompts on what you are reading. The answers stream into the browser's side panel, where you can chat on.</p>

        <section aria-labelledby="try-heading">
          <h2 id="try-heading">Try it here</h2>
          <p>Select this paragraph, then use one of the ways below:</p>
          <blockquote id="sample-text" className="sample-text">
            {SAMPLE_TEXT}
          </blockquote>
        </section>

        <section aria-labelledby="ways-heading">
          <h2 id="ways-heading">Four ways to run a prompt</h2>
          <ol className="ways">
            <li>
              <strong>The panel.</strong> Click Flowbar's toolbar icon (or press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>O</kbd>), pick a prompt and press{' '}
              <strong>Run</strong>: it runs on what you selected.
            </li>
            <li>
              <strong>The context menu.</strong> Right-click a selection on any web page, then <em>Run with Flowbar</em> and a prompt.
            </li>
            <li>
              <strong>The shortcut.</strong> Press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>F</kbd> to run the default prompt on the selection.
            </li>
            <li>
              <strong>The selection button.</strong> When you select text on a web page (not on Flowbar's own pages, like this one), a small Flowbar button
              appears beside it; click it to open the panel with that selection and your pinned prompts first.
            </li>
          </ol>
        </section>

        <section aria-labelledby="shortcuts-heading">
          <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
          <ShortcutList />
        </section>

        <section aria-labelledby="provider-heading">
          <h2 id="provider-heading">The model</h2>
          <p>
            Flowbar starts with a local <a href="https://ollama.com">Ollama</a> at <code>{host}</code>. To use OpenAI, OpenRouter, Groq or any OpenAI-compatible
            API instead, add it in the settings; keys stay in this browser and go only to their own provider.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="primary"
              onClick={() => void openExtensionPage('/options.html', optionsHash({ kind: 'new-provider', preset: 'openai', makeDefault: true }))}
            >
              Add a provider
            </button>
            <button type="button" onClick={() => void openExtensionPage('/options.html')}>
              Open settings
            </button>
          </div>
        </section>
      </main>
    </>
  );
}
