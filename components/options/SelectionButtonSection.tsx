import { useState, type FormEvent } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { siteHostOf, type SelectionButtonSetting } from '@/lib/selectionButton/siteSetting';
import { errorMessage } from './errorMessage';
import { FeedbackMessage, type Feedback } from './FeedbackMessage';

/** The button at the selection on web pages: on or off everywhere, and the sites it is off on. */
export function SelectionButtonSection() {
  const send = useCommand();
  const setting = useAppSelector((state) => state.settings.selectionButton);
  const [site, setSite] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);

  const save = async (next: SelectionButtonSetting, done: string) => {
    try {
      await send('cmd/settings/selectionButton', next);
      setFeedback({ kind: 'ok', text: done });
      return true;
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
      return false;
    }
  };

  const addSite = async (event: FormEvent) => {
    event.preventDefault();
    const host = siteHostOf(site);
    if (!host) {
      setFeedback({ kind: 'error', text: 'Enter a site such as example.com or https://example.com/page.' });
      return;
    }
    if (setting.offSites.includes(host)) {
      setFeedback({ kind: 'ok', text: `The button is already off on ${host}.` });
      return;
    }
    if (await save({ ...setting, offSites: [...setting.offSites, host] }, `The button is now off on ${host} and its subdomains.`)) setSite('');
  };

  return (
    <section id="selection-button" aria-labelledby="selection-button-heading">
      <h2 id="selection-button-heading">Selection button</h2>
      <label>
        <input
          type="checkbox"
          checked={setting.enabled}
          onChange={(event) =>
            void save(
              { ...setting, enabled: event.target.checked },
              event.target.checked ? 'The button shows when you select text.' : 'The button is off on all sites.',
            )
          }
        />{' '}
        Show a Flowbar button next to text I select on web pages
      </label>
      <p className="hint">It never shows in text fields, editable areas or password fields. Escape hides it.</p>
      <form onSubmit={(event) => void addSite(event)} className="inline-form">
        <label>
          Turn it off on a site
          <input type="text" placeholder="example.com" value={site} onChange={(e) => setSite(e.target.value)} />
        </label>
        <button type="submit">Turn off on this site</button>
      </form>
      {setting.offSites.length > 0 && (
        <ul className="card-list" aria-label="Sites without the selection button">
          {setting.offSites.map((host) => (
            <li key={host} className="card">
              <div className="card-main">
                <p className="card-title">
                  <strong>{host}</strong>
                </p>
              </div>
              <div className="card-actions">
                <button
                  type="button"
                  className="small"
                  aria-label={`Turn the button back on for ${host}`}
                  onClick={() => void save({ ...setting, offSites: setting.offSites.filter((s) => s !== host) }, `The button shows again on ${host}.`)}
                >
                  Turn back on
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <FeedbackMessage feedback={feedback} />
    </section>
  );
}
