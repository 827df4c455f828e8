import type { PanelSnapshot } from '@/lib/panelSnapshot/panelSnapshot';

/**
 * The panel as the snapshot describes it (the prompt picker, the open tabs), drawn while the full
 * state is on its way: the same layout as App's, its controls disabled until the real ones replace it.
 */
export function PanelPreview({ snapshot }: { snapshot: PanelSnapshot }) {
  const selected = snapshot.prompts.find((p) => p.id === snapshot.defaultPromptId)?.id ?? snapshot.prompts[0]?.id ?? '';
  return (
    <div className="app" aria-busy="true">
      <header className="panel-header">
        <div className="panel-header-row">
          <form className="new-run" aria-label="New" onSubmit={(event) => event.preventDefault()}>
            <span className="new-run-label" aria-hidden="true">
              New
            </span>
            <select aria-label="Prompt" value={selected} disabled onChange={() => undefined}>
              {snapshot.prompts.length === 0 && <option value="">No prompts yet</option>}
              {snapshot.prompts.map((prompt) => (
                <option key={prompt.id} value={prompt.id}>
                  {prompt.name}
                </option>
              ))}
            </select>
            <button type="submit" className="primary" disabled>
              Run
            </button>
          </form>
          <button type="button" className="settings-button" disabled>
            <span aria-hidden="true">⚙</span> Settings
          </button>
        </div>
      </header>
      <nav className="tabs-bar" aria-label="Conversations">
        {snapshot.tabs.length > 0 ? (
          <div className="tablist">
            {snapshot.tabs.map((tab) => (
              <span key={tab.instanceId} className="tab">
                <span className="tab-button">
                  <span className="tab-title">{tab.title}</span>
                </span>
              </span>
            ))}
          </div>
        ) : (
          <div className="tablist tablist-empty muted">No open conversations</div>
        )}
      </nav>
      <main className="panel-main">
        {snapshot.tabs.length === 0 ? (
          // App's empty state, word for word: the panel looks the same when the state arrives.
          <div className="empty-state">
            <p>Select text on a page, pick a prompt and press Run.</p>
            <p className="muted">Or right-click a selection and choose a Flowbar prompt.</p>
            <p>
              <button type="button" className="link-button" disabled>
                Take the tour
              </button>
            </p>
          </div>
        ) : (
          <p role="status" className="loading">
            Loading Flowbar…
          </p>
        )}
      </main>
    </div>
  );
}
