// Citations are URLs the provider sent beside the answer: untrusted. Only http(s) ones become links;
// any other keeps its number (so `[n]` in the text still points at the right entry) as plain text.

export interface CitationLink {
  /** 1-based, as in the answer's `[1]` markers */
  number: number;
  /** the URL to link to, or null when it is not a web address */
  href: string | null;
  /** what to show: host and path, without the scheme */
  label: string;
}

const MAX_LABEL_CHARS = 80;

export function citationLinks(urls: readonly string[]): CitationLink[] {
  return urls.map((raw, i) => {
    const url = parseWebURL(raw.trim());
    const label = url ? `${url.host}${url.pathname === '/' ? '' : url.pathname}${url.search}` : raw;
    return { number: i + 1, href: url ? url.href : null, label: label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS)}…` : label };
  });
}

function parseWebURL(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
