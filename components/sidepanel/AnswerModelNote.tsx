import { useAppSelector } from '@/components/storeHooks';
import type { ConversationMessage } from '@/lib/types';

/** Which model (and provider) wrote an answer, from its own record: later picks do not change it. */
export function AnswerModelNote({ metadata }: { metadata: ConversationMessage['metadata'] }) {
  const providerName = useAppSelector((state) => (metadata?.providerId ? state.providers.byId[metadata.providerId]?.name : undefined));
  if (!metadata?.model) return null;
  return <p className="answer-model">{modelLabel(metadata.model, providerName)}</p>;
}

/** "model · provider" (the provider left out when it is gone). */
export function modelLabel(model: string | undefined, providerName: string | undefined): string {
  if (!model) return '—';
  return providerName ? `${model} · ${providerName}` : model;
}
