import { memo } from 'react';
import { NewChatButton } from './NewChatButton';
import { NewRunForm } from './NewRunForm';
import { PageContextSummary } from './PageContextSummary';
import { ProjectSwitcher } from './ProjectSwitcher';
import { SettingsButton } from './SettingsButton';

/**
 * The panel's header: a prompt to run, a new chat, the project and the page the next run reads.
 * Memoised: a tab click re-renders the panel's shell (App), not this.
 */
export const PanelHeader = memo(function PanelHeader({ onStarted }: { onStarted: (instanceId: string) => void }) {
  return (
    <header className="panel-header">
      <h1 className="visually-hidden">Flowbar</h1>
      <div className="panel-header-row">
        <NewRunForm onStarted={onStarted} />
        <SettingsButton />
      </div>
      <NewChatButton onStarted={onStarted} />
      <ProjectSwitcher />
      <PageContextSummary />
    </header>
  );
});
