import { citationLinks } from '@/lib/llm/citationLinks';

/** The sources a provider sent beside the answer, numbered as its `[n]` markers. */
export function CitationList({ urls }: { urls: readonly string[] }) {
  return (
    <section className="citations" aria-label="Sources">
      <h3 className="citations-heading">Sources</h3>
      <ol>
        {citationLinks(urls).map((link) => (
          <li key={link.number} value={link.number}>
            {link.href ? (
              <a href={link.href} target="_blank" rel="noopener noreferrer" title={link.href}>
                {link.label}
              </a>
            ) : (
              <span className="muted" title="Not a web address: not linked">
                {link.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
