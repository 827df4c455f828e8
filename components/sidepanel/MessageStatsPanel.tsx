import { selectInstance, selectIsInstanceBusy } from '@/lib/execution';
import { useAppSelector } from '@/components/storeHooks';
import { modelLabel } from './AnswerModelNote';
import { formatCost, formatDuration, formatTokens } from './format';

/** Timing, tokens, cost and model of the last answer. */
export function MessageStatsPanel({ instanceId }: { instanceId: string }) {
  const stats = useAppSelector((state) => selectInstance(state, instanceId)?.execution.lastMessageStats ?? null);
  const busy = useAppSelector((state) => selectIsInstanceBusy(state, instanceId));
  const providerName = useAppSelector((state) => (stats?.providerId ? state.providers.byId[stats.providerId]?.name : undefined));
  if (!stats || busy) return null;
  return (
    <dl className="stats" aria-label="Stats">
      <div>
        <dt>First token</dt>
        <dd>{formatDuration(stats.timeToFirstToken)}</dd>
      </div>
      <div>
        <dt>Total</dt>
        <dd>{formatDuration(stats.totalTime)}</dd>
      </div>
      <div>
        <dt>Tokens</dt>
        <dd title="prompt / completion">
          {formatTokens(stats.promptTokens)} / {formatTokens(stats.completionTokens)}
        </dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{formatCost(stats.cost)}</dd>
      </div>
      <div className="stats-model">
        <dt>Model</dt>
        <dd>{modelLabel(stats.model, providerName)}</dd>
      </div>
    </dl>
  );
}
