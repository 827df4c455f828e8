import { memo } from 'react';
import { useCommand } from '@/components/storeHooks';
import type { Resource } from '@/lib/types';
import { formatChars } from './format';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';

/** One attached page or file: its title, size and a remove button. */
export const ResourceItem = memo(function ResourceItem({ instanceId, resource }: { instanceId: string; resource: Resource }) {
  const send = useCommand();
  const { run, pending, error, clearError } = useCommandAction();
  return (
    <li className="resource">
      <span className="resource-kind" aria-hidden="true">
        {resource.kind === 'page' ? '🌐' : resource.kind === 'selection' ? '❝' : '📄'}
      </span>
      <span className="resource-title" title={resource.source}>
        {resource.title}
      </span>
      <span className="resource-size muted">{formatChars(resource.size)}</span>
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove ${resource.title}`}
        title={`Remove ${resource.title}`}
        disabled={pending}
        onClick={() => void run(() => send('cmd/instance/removeResource', { instanceId, resourceId: resource.id }))}
      >
        <span aria-hidden="true">×</span>
      </button>
      <InlineError message={error} onDismiss={clearError} />
    </li>
  );
});
