import { useRef } from 'react';
import { ChatBox } from './ChatBox';
import { ConversationLog } from './ConversationLog';
import { InstanceControls } from './InstanceControls';
import { InstanceErrorAlert } from './InstanceErrorAlert';
import { panelId, tabId } from './InstanceTab';
import { MessageStatsPanel } from './MessageStatsPanel';
import { ModelPicker } from './ModelPicker';
import { PageAsContext } from './PageAsContext';
import { ResourcesSection } from './ResourcesSection';
import { VariablesEditor } from './VariablesEditor';
import { useStickToBottom } from './useStickToBottom';
import { ConversationToolbar } from './conversation/ConversationToolbar';

/**
 * One instance: variables, resources, conversation, controls, stats and the message box. Each
 * part selects its own slice of the instance, so a streaming update re-renders the streaming answer only
 * (conversation/AssistantMessage.tsx).
 */
export function InstancePanel({
  instanceId,
  standalone = false,
}: {
  instanceId: string;
  /** the full-tab chat page: no tab strip labels it */ standalone?: boolean;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  useStickToBottom(scroller, content, end);

  return (
    <section
      {...(standalone ? { 'aria-label': 'Conversation view' } : { role: 'tabpanel', id: panelId(instanceId), 'aria-labelledby': tabId(instanceId) })}
      className="instance-panel"
    >
      <div className="instance-scroll" ref={scroller}>
        <div className="instance-content" ref={content}>
          <VariablesEditor instanceId={instanceId} />
          <PageAsContext instanceId={instanceId} />
          <ResourcesSection instanceId={instanceId} />
          <ConversationLog instanceId={instanceId} />
          <InstanceErrorAlert instanceId={instanceId} />
          <InstanceControls instanceId={instanceId} />
          <MessageStatsPanel instanceId={instanceId} />
          <ConversationToolbar instanceId={instanceId} showOpenInTab={!standalone} />
        </div>
        <div ref={end} className="instance-scroll-end" aria-hidden="true" />
      </div>
      <ModelPicker instanceId={instanceId} />
      <ChatBox instanceId={instanceId} />
    </section>
  );
}
