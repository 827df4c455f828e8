import { memo, useId } from 'react';
import { openExtensionPage } from '@/components/openExtensionPage';
import { InlineError } from '../InlineError';
import { useCommandAction } from '../useCommandAction';
import { useProviderCheck } from './useProviderCheck';

/**
 * Shown while the default provider does not answer: what is wrong, and the ways out (the options
 * page at the provider form, Try again). It goes away by itself once a check succeeds.
 */
export const SetupCard = memo(function SetupCard() {
  const { card, checking, retry } = useProviderCheck();
  const open = useCommandAction();
  const headingId = useId();
  if (!card) return null;
  return (
    <section className="setup-card" role="region" aria-labelledby={headingId}>
      <h2 id={headingId}>Set up a provider</h2>
      <p className="setup-headline">{card.headline}</p>
      {card.fix && (
        <div className="setup-fix">
          <p>{card.fix.intro}</p>
          <pre>
            <code>{card.fix.command}</code>
          </pre>
        </div>
      )}
      {card.detail && <p className="setup-detail muted">{card.detail}</p>}
      <div className="button-row">
        {card.links.map((link, index) => (
          <button
            key={link.hash}
            type="button"
            className={index === 0 ? 'primary' : undefined}
            onClick={() => void open.run(() => openExtensionPage('/options.html', link.hash))}
          >
            {link.label}
          </button>
        ))}
        <button type="button" onClick={retry} disabled={checking}>
          {checking ? 'Checking…' : 'Try again'}
        </button>
      </div>
      <InlineError message={open.error} onDismiss={open.clearError} />
    </section>
  );
});
