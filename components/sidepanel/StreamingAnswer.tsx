import { selectInstance, selectStreamNoticeForInstance, selectStreamingReasoningForInstance, selectStreamingTextForInstance } from '@/lib/execution';
import { Markdown } from '@/components/Markdown';
import { useAppSelector } from '@/components/storeHooks';

/** The answer while it streams: the only part of the panel that re-renders on each update. */
export function StreamingAnswer({ instanceId }: { instanceId: string }) {
  const status = useAppSelector((state) => selectInstance(state, instanceId)?.status);
  const text = useAppSelector((state) => selectStreamingTextForInstance(state, instanceId));
  const reasoning = useAppSelector((state) => selectStreamingReasoningForInstance(state, instanceId));
  const notice = useAppSelector((state) => selectStreamNoticeForInstance(state, instanceId));
  const busy = status === 'executing' || status === 'streaming';
  if (!busy) return null;

  const waiting = !text;
  return (
    <div className="message message-assistant message-streaming" aria-busy="true">
      <p role="status" className="progress">
        <span className="spinner" aria-hidden="true" />
        {notice ?? (waiting ? (reasoning ? 'Thinking…' : 'Waiting for the first token…') : 'Answering…')}
      </p>
      {reasoning && (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <Markdown text={reasoning} streaming={waiting} />
        </details>
      )}
      {text && <Markdown text={text} streaming />}
    </div>
  );
}
