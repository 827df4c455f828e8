import { useRef, type ChangeEvent } from 'react';
import { selectInstance } from '@/lib/execution';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import { InlineError } from './InlineError';
import { ResourceItem } from './ResourceItem';
import { useCommandAction } from './useCommandAction';

const FILE_ACCEPT = 'text/*,.md,.txt,.csv,.json';
/** The most text cmd/instance/attachFile takes. */
const MAX_FILE_CHARS = 5_000_000;

/** Attach the current page or a text file to the instance, and list what is attached. */
export function ResourcesSection({ instanceId }: { instanceId: string }) {
  const send = useCommand();
  const resources = useAppSelector((state) => selectInstance(state, instanceId)?.conversation.resources);
  const page = useCommandAction();
  const file = useCommandAction();
  const fileInput = useRef<HTMLInputElement>(null);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = ''; // the same file can be picked again
    if (files.length === 0) return;
    await file.run(async () => {
      for (const picked of files) {
        const text = await picked.text();
        if (text.length > MAX_FILE_CHARS) throw new Error(`"${picked.name}" is too large: Flowbar attaches files up to 5 million characters.`);
        if (!text.trim()) throw new Error(`"${picked.name}" has no text to attach.`);
        await send('cmd/instance/attachFile', { instanceId, name: picked.name.slice(0, 200) || 'file', text });
      }
    });
  };

  return (
    <section className="resources" aria-label="Resources">
      <div className="section-row">
        <span className="section-title">Resources</span>
        <div className="button-row">
          <button
            type="button"
            disabled={page.pending}
            aria-busy={page.pending || undefined}
            onClick={() => void page.run(() => send('cmd/instance/attachPage', { instanceId }))}
          >
            Attach page
          </button>
          <button type="button" disabled={file.pending} aria-busy={file.pending || undefined} onClick={() => fileInput.current?.click()}>
            Attach file
          </button>
          <input ref={fileInput} type="file" accept={FILE_ACCEPT} multiple hidden tabIndex={-1} onChange={(e) => void onFiles(e)} />
        </div>
      </div>
      <InlineError message={page.error} onDismiss={page.clearError} />
      <InlineError message={file.error} onDismiss={file.clearError} />
      {resources && resources.length > 0 && (
        <ul className="resource-list">
          {resources.map((resource) => (
            <ResourceItem key={resource.id} instanceId={instanceId} resource={resource} />
          ))}
        </ul>
      )}
    </section>
  );
}
