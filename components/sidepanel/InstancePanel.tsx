import { useEffect, useRef } from 'react';
import { ChatBox } from './ChatBox';
import { ConversationLog } from './ConversationLog';
import { InstanceControls } from './InstanceControls';
import { InstanceErrorAlert } from './InstanceErrorAlert';
import { panelId, tabId } from './InstanceTab';
import { MessageStatsPanel } from './MessageStatsPanel';
import { ModelPicker } from './ModelPicker';
import { PageAsContext } from './PageAsContext';
import { ResourcesSection } from './ResourcesSection';
import { StreamingAnswer } from './StreamingAnswer';
import { VariablesEditor } from './VariablesEditor';
import { ConversationToolbar } from './conversation/ConversationToolbar';

/** How close to the bottom (px) counts as "reading the end": new text then keeps it in view. */
const STICK_THRESHOLD = 48;

/**
 * One instance: variables, resources, conversation, controls, stats and the message box. Each
 * part selects its own slice of the instance, so a streaming update re-renders StreamingAnswer only.
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
  const atBottom = useRef(true);

  // Keep the end of the answer in view while it grows, unless the user scrolled up to read.
  useEffect(() => {
    const outer = scroller.current;
    const inner = content.current;
    if (!outer || !inner) return;
    outer.scrollTop = outer.scrollHeight;
    const onScroll = () => {
      atBottom.current = outer.scrollHeight - outer.scrollTop - outer.clientHeight < STICK_THRESHOLD;
    };
    const observer = new ResizeObserver(() => {
      if (atBottom.current) outer.scrollTop = outer.scrollHeight;
    });
    observer.observe(inner);
    outer.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      outer.removeEventListener('scroll', onScroll);
    };
  }, []);

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
          <StreamingAnswer instanceId={instanceId} />
          <InstanceErrorAlert instanceId={instanceId} />
          <InstanceControls instanceId={instanceId} />
          <MessageStatsPanel instanceId={instanceId} />
          <ConversationToolbar instanceId={instanceId} showOpenInTab={!standalone} />
        </div>
      </div>
      <ModelPicker instanceId={instanceId} />
      <ChatBox instanceId={instanceId} />
    </section>
  );
}
