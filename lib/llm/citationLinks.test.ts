import { describe, expect, it } from 'vitest';
import { citationLinks } from './citationLinks';

describe('citationLinks', () => {
  it('numbers the citations in order; only http(s) URLs become links, the others keep their number as text', () => {
    expect(
      citationLinks([
        'https://en.wikipedia.org/wiki/Paris',
        'javascript:alert(1)',
        'http://example.com/',
        'data:text/html,<script>x</script>',
        'not a url',
        ' HTTPS://Example.ORG/a?b=1 ',
      ]),
    ).toEqual([
      { number: 1, href: 'https://en.wikipedia.org/wiki/Paris', label: 'en.wikipedia.org/wiki/Paris' },
      { number: 2, href: null, label: 'javascript:alert(1)' },
      { number: 3, href: 'http://example.com/', label: 'example.com' },
      { number: 4, href: null, label: 'data:text/html,<script>x</script>' },
      { number: 5, href: null, label: 'not a url' },
      { number: 6, href: 'https://example.org/a?b=1', label: 'example.org/a?b=1' },
    ]);
  });

  it('shortens long labels, never the link', () => {
    const url = `https://example.com/${'a'.repeat(200)}`;
    const [link] = citationLinks([url]);
    expect(link.href).toBe(url);
    expect(link.label.length).toBe(81);
    expect(link.label.endsWith('…')).toBe(true);
  });
});
